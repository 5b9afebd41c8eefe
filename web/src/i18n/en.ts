// The English dictionary is the reference: its shape is the type every other language must match.
// The user guide keeps the button words Accept, Continue, Log in, Log out and One-time password (OTP)
// in English in every language; see sv.ts.

const minutes = (count: number) => (count === 1 ? '1 minute' : `${count} minutes`);
const seconds = (count: number) => (count === 1 ? '1 second' : `${count} seconds`);

export const en = {
  layout: {
    skipToContent: 'Skip to content',
    productTagline: 'Microdata Online Access',
    mainNav: 'Main menu',
    navStart: 'Start',
    navLogIn: 'Log in',
    navPortal: 'Portal',
    navMonaWeb: 'MONA web',
    navCaughtMail: 'Caught mail',
    navBankIdRequests: 'BankID requests',
    language: 'Language',
    loading: 'Loading…',
    support: 'Support',
    email: 'E-mail',
    phone: 'Phone',
    website: 'Website',
    version: 'Version',
  },
  siteError: {
    title: 'MONA is not available right now',
    text: 'The service could not be loaded. Please try again in a few minutes. If the problem persists, contact support.',
    reference: 'Reference',
    retry: 'Try again',
  },
  start: {
    title: 'Secure remote access to microdata',
    lead: (operator: string) =>
      `MONA gives researchers in approved research projects secure remote access to confidential microdata from ${operator}. You work with the data where they are: they never leave the platform.`,
    howTitle: 'How MONA works',
    projectsTitle: 'Approved projects',
    projectsText: (operator: string) =>
      `Access is given to researchers in research projects approved by ${operator}. Every researcher has a personal account.`,
    desktopTitle: 'A remote desktop',
    desktopText:
      'You sign in and work in a remote desktop on the platform, with statistical software and the data your project is approved for.',
    dataTitle: 'The data stay on the platform',
    dataText:
      'The microdata never leave the platform. They cannot be downloaded or copied to your own computer.',
    whereTitle: 'Where you may use MONA from',
    whereText:
      'You may use MONA only from a country in the EU/EEA, or from a country for which the European Commission has adopted an adequacy decision on the protection of personal data.',
    whereNotUsaCanada: 'Using MONA from the USA or Canada is not allowed.',
    whereNoVpn: 'Nor may you connect through a VPN that routes your traffic through another country.',
    whereUnsure: 'If you are unsure, contact support before you travel.',
    helpTitle: 'Help and support',
    helpText: (operator: string) =>
      `Questions about your account, your project or the platform? Contact the MONA support at ${operator}.`,
  },
  units: { minutes, seconds },
  buttons: {
    accept: 'Accept',
    continue: 'Continue',
    logIn: 'Log in',
    logOut: 'Log out',
    otp: 'One-time password (OTP)',
    bankid: 'BankID',
  },
  errors: {
    network: 'MONA could not be reached. Check your connection and try again.',
    rateLimited: 'Too many attempts. Wait a moment and try again.',
    validation: 'Fill in every field.',
    notAuthenticated: 'You are no longer logged in.',
    unexpected: 'Something went wrong. Try again; if it happens again, contact support.',
    reference: (id: string) => `Reference for support: ${id}`,
    loginFailed: 'The username, password or code is wrong.',
    loginLocked: (minutesLeft: number) =>
      `Too many failed attempts: logging in to this account is locked. Try again in ${minutes(minutesLeft)}.`,
    loginLockedWhile: 'Too many failed attempts: logging in to this account is locked for a while.',
    loginFlowExpired: 'The login took too long and has been stopped. Start again.',
    countryNotApproved: 'You cannot log in from the country your address appears to be in.',
    enrolmentFailed: 'The link, username or password is wrong, or the link has expired.',
    enrolmentFlowExpired:
      'Linking took too long and has been stopped. Open the link in the welcome e-mail again.',
    codeWrong:
      'The code is wrong. Check that the clock of your phone is right, and enter the newest code the app shows.',
    termsOutdated: 'A newer version of the terms of use has just been published. Read it before you accept.',
    bankidUnavailable: 'BankID cannot be reached right now. Try again in a while.',
    bankidNotOffered: 'Logging in with BankID is not offered here. Choose another way to log in.',
    linkRequestUnusable:
      'This request cannot be approved: the account does not exist, is suspended or closed, or the identity is linked to another account.',
    linkRequestDecided: 'This request has already been decided, perhaps by someone else.',
  },
  passwordRule: {
    too_short: 'The password is too short: it must be at least 12 characters long.',
    too_long: 'The password is too long.',
    too_few_kinds:
      'The password must contain characters of at least three kinds: lower case letters, upper case letters, digits, special characters.',
    unsupported_character:
      'The password contains a character that is not allowed. Use letters, digits and the special characters listed.',
    contains_username: 'The password must not contain your username.',
    dictionary_word: 'The password is a dictionary word. Choose something harder to guess.',
    same_as_current: 'The new password must differ from your current one.',
    repeat_mismatch: 'The two passwords are not the same.',
    other: 'The password does not follow the rules.',
  },
  password: {
    newPassword: 'New password',
    repeat: 'Repeat the new password',
    policyTitle: 'Your password must',
    ruleLength: 'be at least 12 characters long',
    ruleKinds:
      'contain characters of at least three kinds: lower case letters, upper case letters, digits, special characters',
    specials: 'Special characters are:',
    ruleUsername: 'not contain your username',
    ruleDictionary: 'not be just a word from a dictionary',
  },
  code: {
    label: 'Six-digit code',
    hint: 'Open the authenticator app on your phone and enter the six digits it shows for this account, without spaces. A code is valid for 30 seconds, and the clock of your phone must be right.',
    invalid: 'Enter the six digits of the code.',
  },
  login: {
    title: 'Log in',
    checkingCountry: 'Checking where you are connecting from…',
    countryTitle: 'Where are you?',
    countryConfirm: 'I confirm that I am in an approved country.',
    countryRules:
      'Approved countries are the countries of the EU/EEA and the countries for which the European Commission has adopted an adequacy decision on the protection of personal data.',
    countryNotUsaCanada: 'The USA and Canada are not approved countries.',
    countryNoVpn: 'You must not connect through a VPN that routes your traffic through another country.',
    methodTitle: 'Choose how to log in',
    methodOtpText: 'With your username, your password and a code from the authenticator app on your phone.',
    methodBankIdText: 'With your username and BankID, on this computer or on your phone.',
    bankidTitle: 'Your username',
    bankidText:
      'Enter the username from your welcome e-mail and click Continue. You are then sent to BankID to identify yourself.',
    bankidLeaving: 'Opening BankID…',
    credentialsTitle: 'Username and password',
    username: 'Username',
    password: 'Password',
    codeTitle: 'Code from your authenticator app',
    newPasswordTitle: 'Choose a new password',
    newPasswordFirstLogin: 'This is your first login: choose a password of your own.',
    newPasswordExpired: 'Your password has not been changed for two years: choose a new one.',
  },
  blocked: {
    title: 'You cannot log in from where you are',
    countryNotApproved: (country: string) =>
      `Your address appears to be in a country that is not approved for MONA (${country}).`,
    countryUnknownName: 'Your address appears to be in a country that is not approved for MONA.',
    countryUnknown: 'We cannot tell which country your address is in, so we cannot let you log in.',
    privateNetwork:
      'You are connecting from a private network, and this installation does not accept logins from one.',
    help: 'If you think this is wrong, contact support. Do not try to get around this with a VPN.',
  },
  bankidOutcome: {
    requestedTitle: 'Your account is not linked yet',
    requested:
      'Your BankID login has been recorded. Your account is not yet linked to your BankID: support will check it, link the account and e-mail you. This can take a few days. Then log in the same way.',
    failedTitle: 'The login failed',
    failed: 'The BankID login failed.',
    failedHelp: 'Start again. If it fails again, contact support.',
    cancelledTitle: 'Identification cancelled',
    cancelled: 'You cancelled the identification.',
    unavailableTitle: 'BankID cannot be reached',
    expiredTitle: 'The login was stopped',
    expired: 'The login took too long or was interrupted. Start again.',
    startAgain: 'Start again',
    toStartPage: 'Go to the start page',
  },
  linkAccount: {
    title: 'Link your account',
    intro:
      'Enter your username and the initial password from the letter you received by registered post. Then you choose a password of your own and set up the authenticator app on your phone.',
    step: (step: number, total: number) => `Step ${step} of ${total}`,
    missingToken: 'This link is incomplete. Open the link in the welcome e-mail again, or contact support.',
    accountTitle: 'Username and initial password',
    initialPassword: 'Initial password (from the letter)',
    passwordTitle: 'Choose your password',
    authenticatorTitle: 'Set up the authenticator app',
    authenticatorText:
      'Install Google Authenticator, or any other app for time-based one-time passwords (TOTP), on your phone. In the app, add an account and scan this QR code.',
    qrAlt: 'QR code to scan with the authenticator app',
    secretText: 'If you cannot scan the code, type this key into the app instead:',
    accountLabel: 'Account',
    secretLabel: 'Key for the authenticator app',
    confirmText: 'To check that the app is set up, enter the code it shows now.',
    termsTitle: 'Terms of use',
    termsText: 'Read the terms of use. You must accept them to use MONA.',
    doneTitle: 'Your account is ready',
    doneText:
      'Your account is linked to your authenticator app. From now on you log in with your username, your new password and a code from the app.',
  },
  session: {
    checking: 'Checking your login…',
    loggedOutIn: (time: string) => `Logged out in ${time} without activity`,
    logOutFailed: 'Logging out failed. Try again.',
    dialogTitle: 'Do you want to stay logged in?',
    dialogText: (time: string) => `You have not been active for a while. You will be logged out in ${time}.`,
    stay: 'Stay logged in',
  },
  loggedOut: {
    title: 'You are logged out',
    text: 'Your session has ended. If you are using a shared computer, close the browser.',
    idle: (duration: string) => `You were logged out because you were inactive for ${duration}.`,
  },
  portal: {
    title: 'Portal',
    welcome: (name: string) => `Welcome, ${name}`,
    monaWeb: 'MONA web',
    monaWebText: 'The terms of use you work under.',
    remoteDesktop: 'Remote Desktop (RDP file)',
    remoteDesktopText: 'Work with your project’s data in a remote desktop on the platform.',
    remoteDesktopHidden:
      'To see Remote Desktop, accept the terms of use in MONA web, log out and log in again.',
    remoteDesktopAfterLogin:
      'You have accepted the terms of use. Remote Desktop appears when you log out and log in again.',
  },
  monaWeb: {
    title: 'MONA web',
    sections: 'Sections of MONA web',
    termsTab: 'Terms of use',
  },
  terms: {
    loading: 'Loading the terms of use…',
    version: (version: string, published: string) => `Version ${version}, published ${published}.`,
    accepted: (when: string) => `You accepted this version on ${when}.`,
    notAccepted: 'You have not accepted this version yet.',
    acceptedNow: 'Thank you. Remote Desktop appears in the portal after you log out and log in again.',
  },
  desktop: {
    title: 'Remote Desktop',
    notConfigured:
      'The remote desktop service is not configured on this installation, so there is no RDP file to download yet. Contact support if you need it.',
    backToPortal: 'Back to the portal',
  },
  supportMail: {
    title: 'Caught mail',
    intro: 'Mail that this installation sends is caught here instead of being delivered, newest first.',
    notRunning: 'The mail catcher is not running: mail goes to the configured mail relay.',
    empty: 'No mail has been caught.',
    from: 'From',
    to: 'To',
    received: 'Received',
    noSubject: '(no subject)',
  },
  bankidRequests: {
    title: 'BankID requests',
    intro:
      'Someone logged in with BankID as a user whose account is not linked to that identity. Check the person against your records before you approve: approving links the account to BankID, removes its one-time password login and e-mails the user.',
    show: 'Show',
    showPending: 'Pending requests',
    showAll: 'All requests',
    loading: 'Loading the requests…',
    emptyPending: 'No requests are waiting.',
    emptyAll: 'There are no requests.',
    bankid: 'BankID',
    requestedAt: 'Requested',
    from: 'From',
    countryUnknown: 'country unknown',
    account: 'Account',
    noAccount: 'No account with this username',
    noAccountText: 'The request cannot be approved. Check the username with the person.',
    accountUnusable: 'The account cannot be linked while it is suspended or closed.',
    approve: 'Approve and link',
    reject: 'Reject',
    cancel: 'Cancel',
    confirmApproveTitle: 'Approve and link?',
    confirmApprove: (username: string, name: string, pin: string) =>
      `The account ${username} will be linked to the BankID of ${name} (${pin}). Its one-time password login is removed, and the user is e-mailed.`,
    confirmRejectTitle: 'Reject the request?',
    confirmReject: (username: string, name: string) =>
      `The request of ${name} to log in as ${username} is rejected. The account is not changed.`,
    approved: (username: string) => `The account ${username} is now linked to BankID.`,
    mailed: 'The user has been e-mailed.',
    notMailed: 'No e-mail could be sent: tell the user yourself.',
    rejected: (username: string) => `The request for ${username} has been rejected.`,
  },
  // The state of an account, as a BankID request shows it.
  accountState: {
    invited: 'invited, not yet linked',
    active: 'active',
    suspended: 'suspended',
    closing: 'being closed',
    closed: 'closed',
  },
  linkRequestState: {
    pending: 'Pending',
    approved: 'Approved',
    rejected: 'Rejected',
  },
  notFound: {
    title: 'Page not found',
    text: 'The page you are looking for does not exist. Check the address, or go to the start page.',
    homeLink: 'Go to the start page',
  },
};

export type Messages = typeof en;
