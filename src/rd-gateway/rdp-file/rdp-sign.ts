import forge from 'node-forge';
import type { RdpSigner } from './signing-certificate.js';

/**
 * The settings rdpsign signs, as [property, display name for signscope], in rdpsign's own order: the
 * signed lines and signscope follow this table, not the file. Taken from the reverse-engineered rdpsign
 * (github.com/nfedera/rdpsign) and matching the signscope lines Microsoft's RD Web Access writes.
 */
export const SECURE_SETTINGS: ReadonlyArray<readonly [property: string, displayName: string]> = [
  ['full address', 'Full Address'],
  ['alternate full address', 'Alternate Full Address'],
  ['pcb', 'PCB'],
  ['use redirection server name', 'Use Redirection Server Name'],
  ['server port', 'Server Port'],
  ['negotiate security layer', 'Negotiate Security Layer'],
  ['enablecredsspsupport', 'EnableCredSspSupport'],
  ['disableconnectionsharing', 'DisableConnectionSharing'],
  ['autoreconnection enabled', 'AutoReconnection Enabled'],
  ['gatewayhostname', 'GatewayHostname'],
  ['gatewayusagemethod', 'GatewayUsageMethod'],
  ['gatewayprofileusagemethod', 'GatewayProfileUsageMethod'],
  ['gatewaycredentialssource', 'GatewayCredentialsSource'],
  ['support url', 'Support URL'],
  ['promptcredentialonce', 'PromptCredentialOnce'],
  ['require pre-authentication', 'Require pre-authentication'],
  ['pre-authentication server address', 'Pre-authentication server address'],
  ['alternate shell', 'Alternate Shell'],
  ['shell working directory', 'Shell Working Directory'],
  ['remoteapplicationprogram', 'RemoteApplicationProgram'],
  ['remoteapplicationexpandworkingdir', 'RemoteApplicationExpandWorkingdir'],
  ['remoteapplicationmode', 'RemoteApplicationMode'],
  ['remoteapplicationguid', 'RemoteApplicationGuid'],
  ['remoteapplicationname', 'RemoteApplicationName'],
  ['remoteapplicationicon', 'RemoteApplicationIcon'],
  ['remoteapplicationfile', 'RemoteApplicationFile'],
  ['remoteapplicationfileextensions', 'RemoteApplicationFileExtensions'],
  ['remoteapplicationcmdline', 'RemoteApplicationCmdLine'],
  ['remoteapplicationexpandcmdline', 'RemoteApplicationExpandCmdLine'],
  ['prompt for credentials', 'Prompt For Credentials'],
  ['authentication level', 'Authentication Level'],
  ['audiomode', 'AudioMode'],
  ['redirectdrives', 'RedirectDrives'],
  ['redirectprinters', 'RedirectPrinters'],
  ['redirectcomports', 'RedirectCOMPorts'],
  ['redirectsmartcards', 'RedirectSmartCards'],
  ['redirectposdevices', 'RedirectPOSDevices'],
  ['redirectclipboard', 'RedirectClipboard'],
  ['devicestoredirect', 'DevicesToRedirect'],
  ['drivestoredirect', 'DrivesToRedirect'],
  ['loadbalanceinfo', 'LoadBalanceInfo'],
  ['redirectdirectx', 'RedirectDirectX'],
  ['rdgiskdcproxy', 'RDGIsKDCProxy'],
  ['kdcproxyname', 'KDCProxyName'],
  ['eventloguploadaddress', 'EventLogUploadAddress'],
];

const CRLF = '\r\n';
// rdpsign's header before the DER: u32 LE 0x00010001, u32 LE 1, u32 LE DER length.
const HEADER_WORDS = [0x00010001, 0x00000001] as const;

/** Signs an .rdp file as Microsoft's rdpsign does, replacing any signature it already has. */
export function signRdpFile(content: string, signer: RdpSigner): string {
  const lines = content
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !['signature', 'signscope'].includes(propertyName(line)));
  const fullAddress = lines.find((line) => propertyName(line) === 'full address');
  if (fullAddress === undefined) throw new Error('cannot sign an .rdp file without "full address"');
  // Clients prefer "alternate full address": signing one equal to "full address" stops it being added later.
  if (!lines.some((line) => propertyName(line) === 'alternate full address')) {
    lines.push(`alternate full address${fullAddress.slice(fullAddress.indexOf(':'))}`);
  }

  const signedLines: string[] = [];
  const scopeNames: string[] = [];
  for (const [property, displayName] of SECURE_SETTINGS) {
    const found = lines.filter((line) => propertyName(line) === property);
    // A client could read the other copy, which the signature would not cover.
    if (found.length > 1) throw new Error(`cannot sign an .rdp file with "${property}" twice`);
    if (found[0] === undefined) continue;
    signedLines.push(found[0]);
    scopeNames.push(displayName);
  }
  const scope = `signscope:s:${scopeNames.join(',')}`;
  const signedText = `${[...signedLines, scope].join(CRLF)}${CRLF}\0`;
  const der = signDetached(Buffer.from(signedText, 'utf16le'), signer);

  const header = Buffer.alloc(12);
  header.writeUInt32LE(HEADER_WORDS[0], 0);
  header.writeUInt32LE(HEADER_WORDS[1], 4);
  header.writeUInt32LE(der.length, 8);
  const signature = `signature:s:${Buffer.concat([header, der]).toString('base64')}`;
  return `${[...lines, scope, signature].join(CRLF)}${CRLF}`;
}

function propertyName(line: string): string {
  const colon = line.indexOf(':');
  return colon < 0 ? '' : line.slice(0, colon).trim().toLowerCase();
}

/** Detached PKCS#7 SignedData: SHA-256 with RSA, certificates included, no signed attributes. */
function signDetached(data: Buffer, signer: RdpSigner): Buffer {
  const certificates = forge.pem
    .decode(signer.certificatePem)
    .filter((block) => block.type === 'CERTIFICATE')
    .map((block) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(block.body)));
  const [certificate] = certificates;
  if (certificate === undefined) throw new Error('the signer has no PEM certificate');

  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(data.toString('binary'));
  for (const each of certificates) p7.addCertificate(each);
  // Without authenticatedAttributes forge signs the content digest itself, as rdpsign does.
  p7.addSigner({
    key: forge.pki.privateKeyFromPem(signer.privateKeyPem),
    certificate,
    digestAlgorithm: forge.pki.oids.sha256 as string,
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}
