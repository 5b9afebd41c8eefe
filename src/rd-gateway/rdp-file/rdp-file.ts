import { randomBytes } from 'node:crypto';

export interface RdpFileInput {
  /** The session host as the gateway reaches it, e.g. '10.0.2.11'. */
  sessionHost: string;
  port: number;
  /** The portal's gateway, host:port, e.g. 'mona.example.org:443'. */
  gatewayHost: string;
  /** One-time secret the gateway consumes at TUNNEL_CREATE. */
  gatewayToken: string;
  /** The unix user on the session host. */
  username: string;
  /** One-time secret xrdp hands to PAM as the password. */
  logonSecret: string;
}

export interface RdpFile {
  name: string;
  content: string;
}

// xrdp's token login (enable_token_login) splits the username at this byte: user, then password.
const TOKEN_SEPARATOR = '\x1f';

/** Builds the single-use .rdp file of the RDP path (design notes, "RDP path"). Unsigned: see signRdpFile. */
export function buildRdpFile(input: RdpFileInput): RdpFile {
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
    throw new Error(`port must be an integer from 1 to 65535, not ${input.port}`);
  }
  const text = (field: keyof RdpFileInput, forbidden = ['\r', '\n', '\0']): string => {
    const value = String(input[field]);
    // A line break would let a value add properties of its own to the file.
    if (value === '' || forbidden.some((char) => value.includes(char))) {
      throw new Error(`${field} must be non-empty and contain none of CR, LF, NUL`);
    }
    return value;
  };
  const tokenPart = (field: 'username' | 'logonSecret') => text(field, ['\r', '\n', '\0', TOKEN_SEPARATOR]);

  const properties: Array<[name: string, type: 'i' | 's', value: string | number]> = [
    ['full address', 's', `${text('sessionHost')}:${input.port}`],
    ['gatewayhostname', 's', text('gatewayHost')],
    ['gatewayusagemethod', 'i', 1],
    ['gatewaycredentialssource', 'i', 5], // 5: the access token is the gateway credential
    ['gatewayprofileusagemethod', 'i', 1],
    ['gatewayaccesstoken', 's', text('gatewayToken')],
    ['username', 's', `${tokenPart('username')}${TOKEN_SEPARATOR}${tokenPart('logonSecret')}`],
    ['enablecredsspsupport', 'i', 0], // xrdp has no CredSSP/NLA
    ['authentication level', 'i', 2],
    ['screen mode id', 'i', 2],
    ['use multimon', 'i', 0], // the user may switch it to 1 without breaking the signature (R16)
    ['redirectclipboard', 'i', 0],
    ['redirectprinters', 'i', 0],
    ['redirectcomports', 'i', 0],
    ['redirectsmartcards', 'i', 0],
    ['drivestoredirect', 's', ''],
    ['devicestoredirect', 's', ''],
    ['audiomode', 'i', 2],
    ['audiocapturemode', 'i', 0],
    ['redirectposdevices', 'i', 0],
  ];
  const content = properties.map(([name, type, value]) => `${name}:${type}:${value}\r\n`).join('');
  return { name: `launch${randomBytes(4).toString('hex')}.rdp`, content };
}
