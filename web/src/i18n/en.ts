// The English dictionary is the reference: its shape is the type every other language must match.
// The user guide names the buttons Accept, Continue, Log in, Log out and One-time password (OTP) in
// English in every language: they are guide labels, which other languages show after their own words.

import { guideLabel } from './guide-label.js';

const minutes = (count: number) => (count === 1 ? '1 minute' : `${count} minutes`);
const seconds = (count: number) => (count === 1 ? '1 second' : `${count} seconds`);
const hours = (count: number) => (count === 1 ? '1 hour' : `${count} hours`);

export const en = {
  layout: {
    skipToContent: 'Skip to content',
    productTagline: 'Microdata Online Access',
    mainNav: 'Main menu',
    navStart: 'Start',
    navLogIn: 'Log in',
    navPortal: 'Portal',
    navMonaWeb: 'MONA web',
    navRemoteDesktop: 'Remote Desktop',
    navCaughtMail: 'Caught mail',
    navBankIdRequests: 'BankID requests',
    navUploadReview: 'Upload review',
    language: 'Language',
    loading: 'Loading…',
    support: 'Support',
    email: 'E-mail',
    phone: 'Phone',
    website: 'Website',
    version: 'Version',
    accessibility: 'Accessibility',
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
  software: {
    title: 'Software in the remote desktop',
    intro:
      'Projects order the programs their members need; each appears in the start menu of the desktop. Contact support for software not on the list.',
    seats: (count: number) => (count === 1 ? '1 licence, shared' : `${count} licences, shared`),
  },
  units: { minutes, seconds, hours },
  buttons: {
    accept: guideLabel('Accept'),
    continue: guideLabel('Continue'),
    logIn: guideLabel('Log in'),
    logOut: guideLabel('Log out'),
    otp: guideLabel('One-time password (OTP)'),
    bankid: guideLabel('BankID'),
  },
  notices: {
    heading: 'Notices',
    closedTitle: 'Closed for maintenance',
    closure: (from: string, until: string) => `Closed: nobody can log in from ${from} until ${until}.`,
  },
  errors: {
    network: 'MONA could not be reached. Check your connection and try again.',
    rateLimited: 'Too many attempts. Wait a moment and try again.',
    rateLimitedFor: (secondsLeft: number) =>
      secondsLeft < 60
        ? `Too many attempts. Try again in ${seconds(secondsLeft)}.`
        : `Too many attempts. Try again in ${minutes(Math.ceil(secondsLeft / 60))}.`,
    validation: 'Fill in every field.',
    notAuthenticated: 'You are no longer logged in.',
    csrfTokenInvalid: 'The security check of this page failed. Reload the page and try again.',
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
    closedForMaintenance:
      'The platform is closed for planned maintenance. You can log in again when it ends; see the notice on the start page.',
    bankidNotOffered: 'Logging in with BankID is not offered here. Choose another way to log in.',
    linkRequestUnusable:
      'This request cannot be approved: the account does not exist, is suspended or closed, or the identity is linked to another account.',
    linkRequestDecided: 'This request has already been decided, perhaps by someone else.',
    uploadNameRefused:
      'The file name cannot be used. Rename the file: avoid / \\ : * ? " < > |, control characters and names such as CON.',
    uploadTypeNotAllowed: 'Files of this type may not be uploaded. The allowed types are listed above.',
    uploadEmpty: 'The file is empty.',
    uploadTooLarge: 'The file is larger than uploads may be.',
    uploadInterrupted: 'The upload was interrupted. Nothing was kept; try again.',
    storageFull: 'The platform has no room for the file right now. Try again later or contact support.',
    uploadProjectNotFound: 'You are not a member of the project you chose. Reload the page and choose again.',
    uploadDecided: 'This upload has already been decided, perhaps by someone else.',
    ownSubmission: 'You uploaded this file yourself, so another reviewer must review it.',
    noSessionHost:
      'No session host is available right now. Try again in a while; if it lasts, contact support.',
    desktopStartFailed: 'Your desktop could not be started. Try again; if it happens again, contact support.',
    desktopNotAllowed:
      'To use Remote Desktop, accept the terms of use in MONA web, log out and log in again.',
    rdpUnavailable:
      'Remote Desktop by RDP file is not available for your session right now. Use “Open in browser” instead.',
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
    easy_to_guess:
      'The password is easy to guess. Choose a longer or less predictable one, such as a few unrelated words.',
    same_as_current: 'The new password must differ from your current one.',
    repeat_mismatch: 'The two passwords are not the same.',
    other: 'The password does not follow the rules.',
  },
  // Why a password is easy to guess, said after passwordRule.easy_to_guess.
  passwordHint: {
    personal: 'Yours is too close to your name or username.',
    common: 'Yours is made of common words, names or passwords.',
    pattern: 'Yours follows a pattern, such as keys in a row, a sequence or a repetition.',
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
    ruleGuessable: 'be hard to guess: not made of your name, common words or keyboard patterns',
    ruleCharacters: 'contain no spaces: only letters, digits and the special characters below',
    ruleNotCurrent: 'differ from your current password',
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
    country:
      'You were logged out because your address now appears to be in a country that is not approved for MONA.',
  },
  portal: {
    title: 'Portal',
    welcome: (name: string) => `Welcome, ${name}`,
    monaWeb: 'MONA web',
    monaWebText: 'Upload files, download what you exported, read the terms of use and see your account.',
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
    filesTab: 'My files',
    downloadsTab: 'Downloads',
    termsTab: 'Terms of use',
    accountTab: 'My account',
  },
  files: {
    loading: 'Loading your files…',
    uploadTitle: 'Upload a file',
    intro: 'Upload files you need in MONA, such as your own programs, documentation or tables.',
    allowedTypes: 'Files you may upload:',
    maxSize: (size: string) => `Each file may be at most ${size}.`,
    whatHappens:
      'Every file is checked first: that it is what its name says, what an archive contains, and for viruses. Then it is placed in My Documents\\InBox in your remote desktop, usually within seconds. For some projects a reviewer must approve the file first.',
    sameName:
      'If a file of the same name is already there, the new one gets a number, for example data (2).csv.',
    storageTitle: 'Your storage',
    storageLabel: 'My Documents',
    storageUsed: (used: string, quota: string) => `${used} of ${quota} used`,
    fileLabel: 'File to upload',
    projectLabel: 'For project (optional)',
    noProject: 'No particular project',
    upload: 'Upload',
    uploading: (name: string) => `Uploading ${name}`,
    chooseFile: 'Choose a file to upload.',
    typeNotAllowed: (extension: string) => `Files of type .${extension} may not be uploaded.`,
    noExtension: 'The file name has no extension, such as .csv, so its type is unknown.',
    tooLarge: (size: string) => `The file is too large: each file may be at most ${size}.`,
    empty: 'The file is empty.',
    received: (name: string) => `${name} was received and is being checked. Its state is shown below.`,
    waitingForReview: (name: string) => `${name} was received and checked, and waits for a reviewer.`,
    delivered: (name: string, deliveredAs: string) =>
      `${name} is in My Documents\\InBox in your remote desktop, as ${deliveredAs}.`,
    rejected: (name: string, reason: string) => `${name} was not accepted: ${reason}`,
    listTitle: 'Your uploads',
    listEmpty: 'You have not uploaded any files.',
    size: 'Size',
    uploadedAt: 'Uploaded',
    project: 'Project',
    state: 'State',
    refreshing: 'The list is refreshed every few seconds while a file is being checked or reviewed.',
  },
  uploadState: {
    received: 'Received',
    checking: 'Checking',
    in_review: 'In review',
    approved: 'Approved, being delivered',
    delivered: (name: string) => `Delivered to InBox as ${name}`,
    rejected: (reason: string) => `Rejected: ${reason}`,
    technicalDetail: 'Technical details',
    reviewerNote: 'Note from the reviewer',
  },
  // Why an upload was rejected, by the reason code the server reports.
  uploadReason: {
    empty: 'the file is empty.',
    type_not_allowed: 'files of this type may not be uploaded.',
    type_mismatch: 'the file is not what its name says: its content is of another type.',
    not_text: 'the file should be text, but it is not (text must be UTF-8 or Windows-1252).',
    archive_too_deep: 'the archive contains archives nested too deep.',
    archive_too_many_members: 'the archive contains too many files.',
    archive_too_large: 'the archive is too large when unpacked.',
    archive_bomb: 'the archive is compressed suspiciously much, like a "zip bomb".',
    archive_unsafe_name: 'the archive contains a file with a name or path that is not safe.',
    archive_encrypted: 'the file is encrypted (password-protected), so it cannot be checked.',
    archive_corrupt: 'the archive is damaged and cannot be read.',
    infected: 'the virus scanner found malicious code in the file.',
    scan_failed:
      'the virus scan could not be completed. Upload the file again; if it happens again, contact support.',
    quota_exceeded: 'there is no room for the file in My Documents: your storage is full.',
    processing_failed:
      'the file could not be processed. Upload it again; if it happens again, contact support.',
    reviewer_rejected: 'the reviewer did not approve the file.',
    other: 'the file was not accepted.',
  },
  downloads: {
    intro: 'Files you export with the program Export files from MONA appear here after review.',
    loading: 'Loading your downloads…',
    empty: 'No files to download.',
  },
  account: {
    loading: 'Loading your account…',
    title: 'Your account',
    username: 'Username',
    fullName: 'Name',
    email: 'E-mail',
    loginMethod: 'Login method',
    projectsTitle: 'Your projects',
    noProjects: 'You are not a member of any project.',
    deleteTitle: 'Delete account',
    deleteText:
      'You can order your account to be closed and deleted. Support handles the order: the account is closed, so that you can no longer log in, and then deleted.',
    deleteBefore:
      'Before you order this, export the results you need with the program Export files from MONA, and tell the organisation responsible for your projects.',
    reasonLabel: 'Reason (optional)',
    reasonHint: (max: string) => `Tell support why, if you wish. At most ${max} characters.`,
    deleteButton: 'Delete account',
    confirmTitle: 'Close and delete your account?',
    confirmText:
      'Support will close your account and delete it. Have you exported the results you need and told your organisation?',
    confirm: 'Yes, delete my account',
    cancel: 'Cancel',
    requested: (when: string) =>
      `Your request was received on ${when}. Support will handle it and you have been sent a confirmation e-mail.`,
  },
  loginMethod: {
    otp: guideLabel('One-time password (OTP)'),
    bankid: guideLabel('BankID'),
    none: guideLabel('Not set up yet'),
  },
  projectRole: {
    member: 'member',
    principal: 'project lead',
  },
  reviewUploads: {
    title: 'Upload review',
    intro:
      'Files uploaded for a project whose uploads need approval wait here once they have passed the automatic checks. Download a file and inspect it. Approving delivers it into the researcher’s InBox; rejecting deletes it, and the researcher sees your reason.',
    loading: 'Loading the uploads…',
    empty: 'No uploads are waiting for review.',
    user: 'User',
    size: 'Size',
    received: 'Received',
    project: 'Project',
    noProject: 'none',
    download: 'Download to inspect',
    approve: 'Approve',
    reject: 'Reject',
    cancel: 'Cancel',
    confirmApproveTitle: 'Approve the file?',
    confirmApprove: (name: string, username: string) =>
      `${name} will be delivered into the InBox of ${username}.`,
    noteLabel: 'Reason for rejecting (shown to the researcher)',
    noteRequired: 'Give a reason: the researcher sees it.',
    rejectConfirm: 'Reject the file',
    approved: (name: string, username: string) =>
      `${name} was approved and is being delivered to ${username}.`,
    rejected: (name: string, username: string) => `${name} of ${username} was rejected.`,
    ownSubmission: 'You uploaded this file yourself, so another reviewer reviews it.',
  },
  terms: {
    loading: 'Loading the terms of use…',
    textLabel: 'The terms of use',
    version: (version: string, published: string) => `Version ${version}, published ${published}.`,
    accepted: (when: string) => `You accepted this version on ${when}.`,
    notAccepted: 'You have not accepted this version yet.',
    acceptedNow: 'Thank you. Remote Desktop appears in the portal after you log out and log in again.',
  },
  desktop: {
    title: 'Remote Desktop',
    loading: 'Loading your desktop…',
    limits: (idle: string, disconnected: string) =>
      `After ${idle} without activity the connection closes but the session keeps running; a session left disconnected for ${disconnected} is ended.`,
    noSession: 'You have no desktop session. Opening the desktop starts one.',
    starting: 'Your desktop session is starting.',
    connected: 'Your desktop session is running and connected now.',
    notConnected: 'Your desktop session is running and not connected.',
    disconnected: (since: string) => `Your desktop session is running, disconnected since ${since}.`,
    endsAt: (when: string) => `It will be ended at ${when} unless you connect again.`,
    unavailable: 'No session host is available right now, so the desktop cannot be opened. Try again later.',
    openInBrowser: 'Open in browser',
    downloadRdp: 'Download RDP file',
    downloadingRdp: 'Preparing the RDP file…',
    rdpDownloaded: (name: string, minutes: string) =>
      `${name} is in your downloads. Open it within ${minutes}: it works once, from this network address.`,
    rdpHelp: 'How to open the RDP file on Windows, macOS and Linux',
    rdpUnavailable: 'RDP files are not offered for your session right now; open the desktop in the browser.',
    endSession: 'End session',
    confirmEndTitle: 'End your desktop session?',
    confirmEndText:
      'Your programs are closed and whatever is not saved is lost, as when you choose Log out in the desktop’s start menu.',
    confirmEnd: 'Yes, end the session',
    cancel: 'Cancel',
    ended: 'Your desktop session has been ended.',
    backToPortal: 'Back to the portal',
  },
  viewer: {
    fullScreen: 'Full screen',
    exitFullScreen: 'Exit full screen',
    keyboard: 'Keyboard',
    keyboardFailed: 'The keyboard layout could not be changed.',
    disconnect: 'Disconnect',
    idleClosed: (duration: string | undefined) =>
      `You were disconnected after ${duration ?? 'a while'} without activity. Your programs are still running.`,
    // Why the session ended, by the reason the platform recorded; its programs were closed in every case.
    endedBecause: {
      logout:
        'Your desktop session has ended: you logged out of the desktop, or ended the session from the portal. Its programs were closed.',
      'disconnected-limit': (duration: string) =>
        `Your desktop session was ended after ${duration} without a connection. Its programs were closed.`,
      lost: 'Your desktop session was ended because its session host stopped answering. Work that was not saved may be lost; contact support if this happens again.',
      'host-removed':
        'Your desktop session was ended because its session host was taken out of service. Its programs were closed.',
      failed:
        'Your desktop session could not be started. Try a new one; contact support if this happens again.',
      operator: 'Support ended your desktop session. Its programs were closed.',
      other: 'Your desktop session has ended. Its programs were closed.',
    },
    backToPortal: 'Back to the portal',
    failed: 'The connection to your desktop could not be made.',
    reconnect: 'Reconnect',
    startNew: 'Start a new session',
    backToDesktop: 'Back to Remote Desktop',
  },
  // The viewer's connection, as its toolbar names it.
  viewerState: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    'idle-closed': 'Disconnected',
    ended: 'Session ended',
    failed: 'Not connected',
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
  rdpHelp: {
    title: 'Opening the RDP file',
    intro:
      'The Remote Desktop page gives you an RDP file named like launch1a2b3c4d.rdp. It opens your desktop session, the same one the browser shows, in your computer’s own Remote Desktop program. Each file works once, for a couple of minutes, and only from the network address that downloaded it: download a new one each time you connect. The file is signed by the operator; your program may show the operator as its publisher.',
    windowsTitle: 'Windows',
    windows: [
      'Open the file (double-click it in Downloads). Remote Desktop Connection starts.',
      'Check that the publisher is your data provider and choose Connect. You are not asked for a password: the file carries a one-time one.',
      'Your desktop fills the screen. The bar at the top lets you minimise it or close the connection; your programs keep running.',
    ],
    macTitle: 'macOS',
    mac: [
      'Install Windows App (formerly Microsoft Remote Desktop) from the App Store, once.',
      'Open the file from Downloads; it opens in Windows App. Accept the certificate if asked, then the desktop opens.',
    ],
    linuxTitle: 'Linux',
    linux: [
      'Install FreeRDP once (Debian and Ubuntu: sudo apt install freerdp2-x11).',
      'Run: xfreerdp ~/Downloads/launch1a2b3c4d.rdp (with the name of your file). Remmina can also open the file.',
    ],
    monitorsTitle: 'Using all your monitors',
    monitors: [
      'On Windows, right-click the file, choose Edit, and on the Display tab tick “Use all my monitors for the remote session”, then Connect.',
      'Anywhere, you can open the file in a text editor and change the line use multimon:i:0 to use multimon:i:1. The signature stays valid: that line is not one of the signed settings. With xfreerdp you can instead add /multimon.',
    ],
    rulesTitle: 'What the connection does not do',
    rules:
      'Clipboard, drives, printers, ports, smart cards and sound recording are not connected, whatever the file or your program says: data leave the desktop only through the export review. After 30 minutes without keyboard or mouse use the connection closes; your session keeps running and you can connect again.',
    troubleTitle: 'If it does not connect',
    trouble:
      'A file that has been used, that is older than a couple of minutes, that is opened from another network (a VPN switched on or off in between), or whose address lines were edited is refused. Download a new file and open it straight away.',
    back: 'Back to Remote Desktop',
  },
  accessibility: {
    title: 'Accessibility statement',
    intro: (operator: string) =>
      `${operator} wants as many people as possible to be able to use MONA. This statement describes how MONA meets the law on accessibility to digital public services, what is not yet accessible, and how you can report problems.`,
    statusTitle: 'How accessible MONA is',
    status:
      'The web pages (the start page, login, the portal, MONA web and the staff pages) meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA: they work with the keyboard alone, with screen readers, at 200% zoom and on a screen 320 pixels wide, in Swedish and English. The remote desktop in the browser does not, as described below.',
    limitsTitle: 'What is not accessible',
    limits: [
      'The remote desktop in the browser is a picture of the desktop on the platform, drawn on a canvas: a screen reader cannot read the windows, menus or text in it, and enlarging the browser enlarges the picture, not the text.',
      'Keyboard and mouse input are passed to the desktop, but focus and keyboard shortcuts inside it follow the programs on the platform, not your own computer.',
      'The programs in the desktop (R, Python, the file manager, spreadsheets) have their own, varying accessibility.',
    ],
    alternative:
      'Instead of the browser, you can open the same desktop session with your own computer’s Remote Desktop program, using an RDP file. It uses your computer’s display scaling and full screen, and works with the accessibility settings of your operating system for its own window.',
    alternativeLink: 'How to open the RDP file',
    reportTitle: 'Report a problem, or ask for the content in another form',
    report:
      'If something on these pages does not work for you, or you need information in another form, contact support. Tell us which page and what happened.',
    enforcementTitle: 'Enforcement',
    enforcement:
      'The Swedish Agency for Digital Government (Digg) supervises the law on accessibility to digital public services. If you are not satisfied with how we handle your report, you can contact Digg.',
    methodTitle: 'How we tested',
    method:
      'The pages are checked automatically with axe-core against WCAG 2.1 A and AA in both languages, including pages with data, at each change, and were tried by hand with the keyboard alone and at 320 pixels wide. This statement was last reviewed on 7 December 2026.',
  },
  notFound: {
    title: 'Page not found',
    text: 'The page you are looking for does not exist. Check the address, or go to the start page.',
    homeLink: 'Go to the start page',
  },
};

export type Messages = typeof en;
