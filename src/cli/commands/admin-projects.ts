import { type Command, InvalidArgumentError } from 'commander';
import { loadAgentCa } from '../../desktop/desktop-deps.js';
import { refreshDesktopProjects } from '../../desktop/session-changes.js';
import { listProjects } from '../../projects/project-repository.js';
import {
  addMember,
  createOrganisation,
  createProject,
  type NewProject,
  ProjectAdminError,
  removeMember,
} from '../../projects/project-service.js';
import { vaultSettings } from '../../runtime/airlock.js';
import { provisionMember, provisionProject, withdrawMember } from '../../storage/provision.js';
import { vaultRoot } from '../../storage/vault-paths.js';
import { CliError } from '../cli-error.js';
import { cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

function rethrow(error: unknown): never {
  throw error instanceof ProjectAdminError ? new CliError(error.message) : error;
}

function memberRole(value: string): 'member' | 'principal' {
  if (value !== 'member' && value !== 'principal')
    throw new InvalidArgumentError('must be member or principal');
  return value;
}

/** Organisations and projects (R1, R2, R32) for operators, until the support console. */
export function registerProjectCommands(admin: Command): void {
  const org = admin.command('org').description('organisations that receive releases');
  registerOrganisationCreate(org);
  const project = admin
    .command('project')
    .description('projects: releases of microdata, their storage and members');
  registerProjectCreate(project);
  registerProjectList(project);
  registerMemberAdd(project);
  registerMemberRemove(project);
}

interface OrganisationOptions extends StateOptions {
  name: string;
  orgNumber?: string;
  publicAuthority?: boolean;
  dpaReference: string;
  dpaSignedOn: string;
  dpaValidUntil?: string;
}

function registerOrganisationCreate(org: Command): void {
  withStateOptions(
    org
      .command('create')
      .description('add an organisation with its data processing agreement')
      .requiredOption('--name <name>', 'the organisation')
      .option('--org-number <number>', 'its organisation number')
      .option(
        '--public-authority',
        'it is a public authority (it decides what happens to its areas when use ends, R4)',
      )
      .requiredOption('--dpa-reference <ref>', 'the data processing agreement')
      .requiredOption('--dpa-signed-on <date>', 'when it was signed (YYYY-MM-DD)')
      .option('--dpa-valid-until <date>', 'when it ends (YYYY-MM-DD)'),
  ).action((options: OrganisationOptions) =>
    withDatabase(options, async ({ db }) => {
      await createOrganisation(
        db,
        {
          name: options.name,
          ...(options.orgNumber ? { orgNumber: options.orgNumber } : {}),
          publicAuthority: options.publicAuthority === true,
          dpaReference: options.dpaReference,
          dpaSignedOn: options.dpaSignedOn,
          ...(options.dpaValidUntil ? { dpaValidUntil: options.dpaValidUntil } : {}),
        },
        cliActor(),
      ).catch(rethrow);
      process.stdout.write(`created organisation ${options.name}\n`);
    }),
  );
}

interface ProjectOptions extends StateOptions {
  id: string;
  name: string;
  org: string;
  endsOn?: string;
  uploadReview?: boolean;
  ethicsAuthority?: string;
  ethicsReference?: string;
  ethicsApprovedOn?: string;
  ethicsValidUntil?: string;
}

/** R2: sensitive data need all three of authority, reference and date, or none of them. */
function ethicsOf(options: ProjectOptions): Pick<NewProject, 'ethics'> {
  const { ethicsAuthority, ethicsReference, ethicsApprovedOn, ethicsValidUntil } = options;
  if (!(ethicsAuthority ?? ethicsReference ?? ethicsApprovedOn)) return {};
  if (!(ethicsAuthority && ethicsReference && ethicsApprovedOn)) {
    throw new CliError(
      'sensitive data need all of --ethics-authority, --ethics-reference and --ethics-approved-on',
    );
  }
  return {
    ethics: {
      authority: ethicsAuthority,
      reference: ethicsReference,
      approvedOn: ethicsApprovedOn,
      ...(ethicsValidUntil ? { validUntil: ethicsValidUntil } : {}),
    },
  };
}

function registerProjectCreate(project: Command): void {
  withStateOptions(
    project
      .command('create')
      .description('add a project and create its folders (and Unix group, as root)')
      .requiredOption('--id <id>', 'the project id, e.g. P0002')
      .requiredOption('--name <name>', 'the project name')
      .requiredOption('--org <organisation>', 'the receiving organisation (name or id)')
      .option('--ends-on <date>', 'when use ends (YYYY-MM-DD)')
      .option('--upload-review', 'uploads by its members wait for a reviewer before delivery')
      .option(
        '--ethics-authority <name>',
        'sensitive personal data: the authority that approved the research',
      )
      .option('--ethics-reference <ref>', 'sensitive personal data: the approval reference')
      .option('--ethics-approved-on <date>', 'sensitive personal data: the approval date')
      .option('--ethics-valid-until <date>', 'sensitive personal data: when the approval ends'),
  ).action((options: ProjectOptions) =>
    withDatabase(options, async ({ db, config, dataDir }) => {
      const ethics = ethicsOf(options);
      await createProject(
        db,
        {
          id: options.id,
          name: options.name,
          organisation: options.org,
          ...(options.endsOn ? { endsOn: options.endsOn } : {}),
          uploadReview: options.uploadReview === true,
          ...ethics,
        },
        cliActor(),
      ).catch(rethrow);
      const areas = await provisionProject(db, vaultRoot(config, dataDir), options.id);
      process.stdout.write(`created project ${options.id}: ${areas.data}, ${areas.gem}\n`);
    }),
  );
}

function registerProjectList(project: Command): void {
  withStateOptions(project.command('list').description('list the projects')).action((options: StateOptions) =>
    withDatabase(options, async ({ db }) => {
      for (const row of await listProjects(db)) {
        process.stdout.write(
          `${row.id}  ${row.name}  (${row.organisation})  members ${row.members ?? 0}${row.sensitive_data ? '  sensitive' : ''}${row.ends_on ? `  ends ${row.ends_on}` : ''}\n`,
        );
      }
    }),
  );
}

function registerMemberAdd(project: Command): void {
  withStateOptions(
    project
      .command('add-member')
      .description('give a user access to a project (and its folders, as root)')
      .argument('<project>')
      .argument('<username>')
      .option('--role <role>', 'member or principal (the project lead, R32)', memberRole, 'member'),
  ).action((projectId: string, username: string, options: StateOptions & { role: 'member' | 'principal' }) =>
    withDatabase(options, async ({ db, config, dataDir }) => {
      await addMember(db, projectId, username, options.role, cliActor()).catch(rethrow);
      await provisionMember(db, vaultSettings(config, dataDir), username);
      await refreshDesktopProjects(
        { db, agentCa: loadAgentCa(config) },
        vaultRoot(config, dataDir),
        username,
      );
      process.stdout.write(
        `${username} is now ${options.role === 'principal' ? 'the principal user' : 'a member'} of ${projectId}\n`,
      );
    }),
  );
}

function registerMemberRemove(project: Command): void {
  withStateOptions(
    project
      .command('remove-member')
      .description("take a user's access to a project away")
      .argument('<project>')
      .argument('<username>'),
  ).action((projectId: string, username: string, options: StateOptions) =>
    withDatabase(options, async ({ db, config, dataDir }) => {
      await removeMember(db, projectId, username, cliActor()).catch(rethrow);
      await withdrawMember(vaultRoot(config, dataDir), username, projectId);
      if (
        (await refreshDesktopProjects(
          { db, agentCa: loadAgentCa(config) },
          vaultRoot(config, dataDir),
          username,
        )) === 'unreachable'
      ) {
        process.stdout.write(
          `the host of ${username}'s desktop cannot be reached; the project's folder is closed to them regardless\n`,
        );
      }
      process.stdout.write(`${username} is no longer a member of ${projectId}\n`);
    }),
  );
}
