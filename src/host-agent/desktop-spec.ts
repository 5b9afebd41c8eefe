/**
 * What the platform tells a session host about one desktop session: everything the host needs to build the
 * user's desktop, and nothing it could look up elsewhere. Sent by the broker to `mona host-agent`.
 */
export interface DesktopSpec {
  sessionId: string;
  /** The Unix account the desktop runs as ("m-anna"), with the ids the platform allocated. */
  unixUser: string;
  uid: number;
  gid: number;
  /** Supplementary groups: one per project the user is a member of ("mona-p0001"). */
  groups: { name: string; gid: number }[];
  /** The user's My Documents (also the account's home directory), with InBox inside. */
  myDocuments: string;
  /** The user's projects: a `<ID>_Name` shortcut to each goes into My Documents (R21). */
  projects: DesktopProject[];
  /** The start menu's programs beyond the basic ones (R19). */
  software: DesktopSoftware[];
  /** Shown in the welcome window at desktop login (R18). */
  notices: DesktopNotice[];
  language: 'sv' | 'en';
  /** The keyboard layout of the X server: 'se' or 'us'. */
  keyboard: 'se' | 'us';
  /** The VNC password the gateway will use; 8 printable ASCII characters (VNC authentication uses 8). */
  vncPassword: string;
  /** Whether the user may paste text into the desktop (the gateway caps and audits it). */
  pasteIn: boolean;
  geometry: { width: number; height: number };
}

export interface DesktopProject {
  id: string;
  name: string;
  /** The project's folder in the vault, holding `<ID>_Data` and `<ID>_Gem`. */
  folder: string;
}

export interface DesktopSoftware {
  id: string;
  name: string;
  /** argv of the program, started through the licence wrapper when `seats` is set. */
  command: string[];
  /** Licence seats across the platform; null: unlimited. */
  seats: number | null;
}

export interface DesktopNotice {
  text: string;
  /** A planned closure, in ISO 8601, or null for a plain message. */
  closedFrom: string | null;
  closedUntil: string | null;
}
