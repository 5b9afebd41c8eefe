import type { UploadState } from './upload-contract.js';

export interface AirlockTables {
  uploads: {
    id: string;
    user_id: string;
    project_id: string | null;
    original_name: string;
    bytes: number;
    sha256: string;
    detected_type: string | null;
    state: UploadState;
    reason: string | null;
    reason_detail: string | null;
    delivered_name: string | null;
    received_at: Date;
    updated_at: Date;
  };
}
