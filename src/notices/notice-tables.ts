import type { Generated } from 'kysely';

export interface NoticeTables {
  notices: {
    id: Generated<string>;
    text_en: string;
    text_sv: string;
    shown_from: Date;
    shown_until: Date;
    closed_from: Date | null;
    closed_until: Date | null;
    created_at: Generated<Date>;
  };
}
