import type { AirlockTables } from '../airlock/airlock-tables.js';
import type { AuditTables } from '../audit/audit-tables.js';
import type { DesktopTables } from '../desktop/desktop-tables.js';
import type { TermsTables } from '../entry/terms-tables.js';
import type { IdentityTables } from '../identity/identity-tables.js';
import type { JobTables } from '../jobs/job-tables.js';
import type { NoticeTables } from '../notices/notice-tables.js';
import type { ProjectTables } from '../projects/project-tables.js';
import type { RdGatewayTables } from '../rd-gateway/rd-gateway-tables.js';
import type { SoftwareTables } from '../software/software-tables.js';
import type { InstanceTables } from './instance-tables.js';

/** Every table, as Kysely sees it; each module declares its own. */
export interface Database
  extends AuditTables,
    InstanceTables,
    IdentityTables,
    ProjectTables,
    TermsTables,
    JobTables,
    AirlockTables,
    NoticeTables,
    DesktopTables,
    RdGatewayTables,
    SoftwareTables {}
