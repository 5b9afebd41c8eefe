import type { StaffRole } from '../identity/identity-tables.js';

/** The demo installation: one organisation, one project, one account of each kind. Nothing of it is real. */
export const DEMO_ORGANISATION = {
  name: 'Demo University',
  org_number: '202100-0000',
  is_public_authority: true,
  dpa_reference: 'DPA-2026-001',
  dpa_signed_on: '2026-01-15',
  dpa_valid_until: '2029-01-14',
} as const;

export const DEMO_PROJECT = {
  id: 'P0001',
  name: 'Demo register study',
  ends_on: '2028-12-31',
  sensitive_data: true,
  ethics_authority: 'Swedish Ethical Review Authority',
  ethics_reference: 'Dnr 2026-00001-01',
  ethics_approved_on: '2026-02-01',
  ethics_valid_until: '2028-12-31',
} as const;

export interface DemoAccount {
  username: string;
  full_name: string;
  email: string;
  roles: StaffRole[];
  /** Project membership, for researchers. */
  member?: 'member' | 'principal';
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'demo.operator',
    full_name: 'Olivia Operator',
    email: 'operator@demo.mona.example',
    roles: ['operator'],
    description: 'operator',
  },
  {
    username: 'demo.researcher',
    full_name: 'Rut Researcher',
    email: 'researcher@demo.mona.example',
    roles: [],
    member: 'member',
    description: 'researcher, member of P0001',
  },
  {
    username: 'demo.support',
    full_name: 'Sam Support',
    email: 'support@demo.mona.example',
    roles: ['support'],
    description: 'support staff',
  },
  {
    username: 'demo.reviewer',
    full_name: 'Rafael Reviewer',
    email: 'reviewer@demo.mona.example',
    roles: ['reviewer'],
    description: 'output reviewer',
  },
];
