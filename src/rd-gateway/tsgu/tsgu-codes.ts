/** Values of MS-TSGU fields the gateway sets and checks (sections 2.2.5.3 and 2.2.6). */

// Return codes (MS-TSGU 2.2.6.1). The spec lists some as bare HRESULT_CODE values without the failure bit
// (E_PROXY_TS_CONNECTFAILED and below). FreeRDP 2.11 tests every response code with FAILED(), so it reads
// those as success: to make FreeRDP stop, answer with one of the 0x8007xxxx codes.
export const S_OK = 0x00000000;
export const E_PROXY_INTERNALERROR = 0x800759d8;
export const E_PROXY_RAP_ACCESSDENIED = 0x800759da;
export const E_PROXY_NAP_ACCESSDENIED = 0x800759db;
export const E_PROXY_ALREADYDISCONNECTED = 0x800759df;
export const E_PROXY_CAPABILITYMISMATCH = 0x800759e9;
export const E_PROXY_COOKIE_BADPACKET = 0x800759f7;
export const E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED = 0x800759f8;
export const E_PROXY_UNSUPPORTED_AUTHENTICATION_METHOD = 0x800759f9;
export const E_PROXY_TS_CONNECTFAILED = 0x000059dd;
export const E_PROXY_MAXCONNECTIONSREACHED = 0x000059e6;
export const E_PROXY_NOTSUPPORTED = 0x000059e8;
export const E_PROXY_SESSIONTIMEOUT = 0x000059f6;
export const E_PROXY_CONNECTIONABORTED = 0x000004d4;
export const ERROR_GRACEFUL_DISCONNECT = 0x000004ca;

export const HTTP_EXTENDED_AUTH_NONE = 0x0;
export const HTTP_EXTENDED_AUTH_PAA = 0x2;

export const HTTP_CAPABILITY_TYPE_QUAR_SOH = 0x1;
export const HTTP_CAPABILITY_IDLE_TIMEOUT = 0x2;
export const HTTP_CAPABILITY_MESSAGING_CONSENT_SIGN = 0x4;
export const HTTP_CAPABILITY_MESSAGING_SERVICE_MSG = 0x8;
export const HTTP_CAPABILITY_REAUTH = 0x10;
export const HTTP_CAPABILITY_UDP_TRANSPORT = 0x20;

/** Device redirection flags of TUNNEL_AUTH_RESPONSE (MS-TSGU 2.2.5.3.7). */
export const HTTP_TUNNEL_REDIR_ENABLE_ALL = 0x80000000;
export const HTTP_TUNNEL_REDIR_DISABLE_ALL = 0x40000000;
export const HTTP_TUNNEL_REDIR_DISABLE_DRIVE = 0x1;
export const HTTP_TUNNEL_REDIR_DISABLE_PRINTER = 0x2;
export const HTTP_TUNNEL_REDIR_DISABLE_PORT = 0x4;
export const HTTP_TUNNEL_REDIR_DISABLE_CLIPBOARD = 0x8;
export const HTTP_TUNNEL_REDIR_DISABLE_PNP = 0x10;
