export interface TermsTables {
  terms_versions: {
    version: string;
    published_at: Date;
    text_en: string;
    text_sv: string;
    checksum: string;
  };
  terms_acceptances: {
    user_id: string;
    version: string;
    accepted_at: Date;
    ip: string | null;
  };
}
