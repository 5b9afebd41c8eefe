import type { Messages } from './en.js';
import { guideLabel } from './guide-label.js';

const minutes = (count: number) => (count === 1 ? '1 minut' : `${count} minuter`);
const seconds = (count: number) => (count === 1 ? '1 sekund' : `${count} sekunder`);
const hours = (count: number) => (count === 1 ? '1 timme' : `${count} timmar`);

export const sv: Messages = {
  layout: {
    skipToContent: 'Hoppa till innehållet',
    productTagline: 'Microdata Online Access',
    mainNav: 'Huvudmeny',
    navStart: 'Start',
    navLogIn: 'Logga in',
    navPortal: 'Portal',
    navMonaWeb: 'MONA-webb',
    navRemoteDesktop: 'Fjärrskrivbord',
    navCaughtMail: 'Uppfångad e-post',
    navBankIdRequests: 'BankID-förfrågningar',
    navUploadReview: 'Granskning av uppladdningar',
    language: 'Språk',
    loading: 'Laddar …',
    support: 'Support',
    email: 'E-post',
    phone: 'Telefon',
    website: 'Webbplats',
    version: 'Version',
    accessibility: 'Tillgänglighet',
  },
  siteError: {
    title: 'MONA är inte tillgängligt just nu',
    text: 'Tjänsten kunde inte laddas. Försök igen om några minuter. Kontakta supporten om problemet kvarstår.',
    reference: 'Referens',
    retry: 'Försök igen',
  },
  start: {
    title: 'Säker fjärråtkomst till mikrodata',
    lead: (operator: string) =>
      `MONA ger forskare i godkända forskningsprojekt säker fjärråtkomst till konfidentiella mikrodata från ${operator}. Du arbetar med uppgifterna där de finns: de lämnar aldrig plattformen.`,
    howTitle: 'Så fungerar MONA',
    projectsTitle: 'Godkända projekt',
    projectsText: (operator: string) =>
      `Åtkomst ges till forskare i forskningsprojekt som ${operator} har godkänt. Varje forskare har ett personligt konto.`,
    desktopTitle: 'Ett fjärrskrivbord',
    desktopText:
      'Du loggar in och arbetar i ett fjärrskrivbord på plattformen, med statistikprogram och de uppgifter som ditt projekt är godkänt för.',
    dataTitle: 'Uppgifterna stannar på plattformen',
    dataText:
      'Mikrodata lämnar aldrig plattformen. De kan inte laddas ned eller kopieras till din egen dator.',
    whereTitle: 'Var du får använda MONA',
    whereText:
      'Du får bara använda MONA från ett land inom EU/EES, eller från ett land som Europeiska kommissionen har beslutat har en adekvat skyddsnivå för personuppgifter.',
    whereNotUsaCanada: 'Det är inte tillåtet att använda MONA från USA eller Kanada.',
    whereNoVpn: 'Du får inte heller ansluta via ett VPN som leder trafiken genom ett annat land.',
    whereUnsure: 'Är du osäker? Kontakta supporten innan du reser.',
    helpTitle: 'Hjälp och support',
    helpText: (operator: string) =>
      `Har du frågor om ditt konto, ditt projekt eller plattformen? Kontakta MONA-supporten hos ${operator}.`,
  },
  software: {
    title: 'Programvara i fjärrskrivbordet',
    intro:
      'Projekten beställer de program som deras medlemmar behöver; de finns sedan i skrivbordets startmeny. Kontakta supporten om programvara som inte finns i listan.',
    seats: (count: number) => (count === 1 ? '1 licens, delad' : `${count} licenser, delade`),
  },
  units: { minutes, seconds, hours },
  // Handledningen nämner knapparna vid deras engelska namn: de står inom parentes efter de svenska.
  buttons: {
    accept: guideLabel('Godkänn', 'Accept'),
    continue: guideLabel('Fortsätt', 'Continue'),
    logIn: guideLabel('Logga in', 'Log in'),
    logOut: guideLabel('Logga ut', 'Log out'),
    otp: guideLabel('Engångslösenord', 'One-time password, OTP'),
    bankid: guideLabel('BankID'),
  },
  notices: {
    heading: 'Meddelanden',
    closedTitle: 'Stängt för underhåll',
    closure: (from: string, until: string) => `Stängt: ingen kan logga in från ${from} till ${until}.`,
  },
  errors: {
    network: 'Det gick inte att nå MONA. Kontrollera din anslutning och försök igen.',
    rateLimited: 'För många försök. Vänta en stund och försök igen.',
    rateLimitedFor: (secondsLeft: number) =>
      secondsLeft < 60
        ? `För många försök. Försök igen om ${seconds(secondsLeft)}.`
        : `För många försök. Försök igen om ${minutes(Math.ceil(secondsLeft / 60))}.`,
    validation: 'Fyll i alla fält.',
    notAuthenticated: 'Du är inte längre inloggad.',
    csrfTokenInvalid: 'Sidans säkerhetskontroll misslyckades. Ladda om sidan och försök igen.',
    unexpected: 'Något gick fel. Försök igen, och kontakta supporten om det händer igen.',
    reference: (id: string) => `Referens för supporten: ${id}`,
    loginFailed: 'Användarnamnet, lösenordet eller koden är fel.',
    loginLocked: (minutesLeft: number) =>
      `För många misslyckade försök: inloggningen till kontot är spärrad. Försök igen om ${minutes(minutesLeft)}.`,
    loginLockedWhile: 'För många misslyckade försök: inloggningen till kontot är spärrad en stund.',
    loginFlowExpired: 'Inloggningen tog för lång tid och har avbrutits. Börja om.',
    countryNotApproved: 'Du kan inte logga in från det land som din adress verkar finnas i.',
    enrolmentFailed: 'Länken, användarnamnet eller lösenordet är fel, eller så har länken slutat gälla.',
    enrolmentFlowExpired:
      'Kopplingen tog för lång tid och har avbrutits. Öppna länken i välkomstmejlet igen.',
    codeWrong:
      'Koden är fel. Kontrollera att klockan i din telefon går rätt och skriv den senaste koden som appen visar.',
    termsOutdated:
      'En nyare version av användarvillkoren har just publicerats. Läs den innan du godkänner den.',
    bankidUnavailable: 'Det går inte att nå BankID just nu. Försök igen om en stund.',
    closedForMaintenance:
      'Plattformen är stängd för planerat underhåll. Du kan logga in igen när det är klart; se meddelandet på startsidan.',
    bankidNotOffered: 'Inloggning med BankID erbjuds inte här. Välj ett annat sätt att logga in.',
    linkRequestUnusable:
      'Förfrågan kan inte godkännas: kontot finns inte, är avstängt eller avslutat, eller så är identiteten kopplad till ett annat konto.',
    linkRequestDecided: 'Förfrågan är redan avgjord, kanske av någon annan.',
    uploadNameRefused:
      'Filnamnet kan inte användas. Byt namn på filen: undvik / \\ : * ? " < > |, styrtecken och namn som CON.',
    uploadTypeNotAllowed: 'Filer av den här typen får inte laddas upp. De tillåtna typerna står ovan.',
    uploadEmpty: 'Filen är tom.',
    uploadTooLarge: 'Filen är större än vad en uppladdning får vara.',
    uploadInterrupted: 'Uppladdningen avbröts. Inget sparades; försök igen.',
    storageFull: 'Plattformen har inte plats för filen just nu. Försök igen senare eller kontakta supporten.',
    uploadProjectNotFound: 'Du är inte medlem i det projekt du valde. Ladda om sidan och välj igen.',
    uploadDecided: 'Uppladdningen är redan avgjord, kanske av någon annan.',
    ownSubmission: 'Du har själv laddat upp filen, så en annan granskare måste granska den.',
    noSessionHost:
      'Ingen sessionsvärd är tillgänglig just nu. Försök igen om en stund, och kontakta supporten om det fortsätter.',
    desktopStartFailed:
      'Fjärrskrivbordet kunde inte startas. Försök igen, och kontakta supporten om det händer igen.',
    desktopNotAllowed:
      'För att använda Fjärrskrivbord: godkänn användarvillkoren i MONA-webb, logga ut och logga in igen.',
    rdpUnavailable:
      'Fjärrskrivbord med RDP-fil är inte tillgängligt för din session just nu. Använd ”Öppna i webbläsaren” i stället.',
  },
  passwordRule: {
    too_short: 'Lösenordet är för kort: det måste vara minst 12 tecken långt.',
    too_long: 'Lösenordet är för långt.',
    too_few_kinds:
      'Lösenordet måste innehålla tecken av minst tre slag: små bokstäver, stora bokstäver, siffror, specialtecken.',
    unsupported_character:
      'Lösenordet innehåller ett tecken som inte är tillåtet. Använd bokstäver, siffror och de specialtecken som listas.',
    contains_username: 'Lösenordet får inte innehålla ditt användarnamn.',
    dictionary_word: 'Lösenordet är ett ord ur en ordlista. Välj något som är svårare att gissa.',
    easy_to_guess:
      'Lösenordet är lätt att gissa. Välj ett längre eller mindre förutsägbart, till exempel några ord som inte hör ihop.',
    same_as_current: 'Det nya lösenordet måste skilja sig från det nuvarande.',
    repeat_mismatch: 'De två lösenorden är inte likadana.',
    other: 'Lösenordet följer inte reglerna.',
  },
  passwordHint: {
    personal: 'Ditt liknar ditt namn eller användarnamn för mycket.',
    common: 'Ditt består av vanliga ord, namn eller lösenord.',
    pattern: 'Ditt följer ett mönster, som tangenter i rad, en följd eller en upprepning.',
  },
  password: {
    newPassword: 'Nytt lösenord',
    repeat: 'Upprepa det nya lösenordet',
    policyTitle: 'Ditt lösenord måste',
    ruleLength: 'vara minst 12 tecken långt',
    ruleKinds: 'innehålla tecken av minst tre slag: små bokstäver, stora bokstäver, siffror, specialtecken',
    specials: 'Specialtecken är:',
    ruleUsername: 'inte innehålla ditt användarnamn',
    ruleDictionary: 'inte bara vara ett ord ur en ordlista',
    ruleGuessable:
      'vara svårt att gissa: inte byggt av ditt namn, vanliga ord eller mönster på tangentbordet',
    ruleCharacters: 'sakna mellanslag: bara bokstäver, siffror och specialtecknen nedan',
    ruleNotCurrent: 'skilja sig från ditt nuvarande lösenord',
  },
  code: {
    label: 'Sexsiffrig kod',
    hint: 'Öppna autentiseringsappen i din telefon och skriv de sex siffror som den visar för kontot, utan mellanslag. En kod gäller i 30 sekunder, och klockan i telefonen måste gå rätt.',
    invalid: 'Skriv kodens sex siffror.',
  },
  login: {
    title: 'Logga in',
    checkingCountry: 'Kontrollerar var du ansluter från …',
    countryTitle: 'Var befinner du dig?',
    countryConfirm: 'Jag bekräftar att jag befinner mig i ett godkänt land.',
    countryRules:
      'Godkända länder är länderna inom EU/EES och de länder som Europeiska kommissionen har beslutat har en adekvat skyddsnivå för personuppgifter.',
    countryNotUsaCanada: 'USA och Kanada är inte godkända länder.',
    countryNoVpn: 'Du får inte ansluta via ett VPN som leder trafiken genom ett annat land.',
    methodTitle: 'Välj hur du vill logga in',
    methodOtpText: 'Med ditt användarnamn, ditt lösenord och en kod från autentiseringsappen i din telefon.',
    methodBankIdText: 'Med ditt användarnamn och BankID, på den här datorn eller i din telefon.',
    bankidTitle: 'Ditt användarnamn',
    bankidText:
      'Skriv användarnamnet från välkomstmejlet och klicka på Fortsätt (Continue). Sedan skickas du till BankID för att legitimera dig.',
    bankidLeaving: 'Öppnar BankID …',
    credentialsTitle: 'Användarnamn och lösenord',
    username: 'Användarnamn',
    password: 'Lösenord',
    codeTitle: 'Kod från din autentiseringsapp',
    newPasswordTitle: 'Välj ett nytt lösenord',
    newPasswordFirstLogin: 'Det här är din första inloggning: välj ett eget lösenord.',
    newPasswordExpired: 'Ditt lösenord har inte bytts på två år: välj ett nytt.',
  },
  blocked: {
    title: 'Du kan inte logga in där du befinner dig',
    countryNotApproved: (country: string) =>
      `Din adress verkar finnas i ett land som inte är godkänt för MONA (${country}).`,
    countryUnknownName: 'Din adress verkar finnas i ett land som inte är godkänt för MONA.',
    countryUnknown: 'Vi kan inte avgöra vilket land din adress finns i och kan därför inte släppa in dig.',
    privateNetwork:
      'Du ansluter från ett privat nätverk, och den här installationen tar inte emot inloggningar därifrån.',
    help: 'Kontakta supporten om du tror att det här är fel. Försök inte ta dig runt spärren med ett VPN.',
  },
  bankidOutcome: {
    requestedTitle: 'Ditt konto är inte kopplat än',
    requested:
      'Din BankID-inloggning har registrerats. Ditt konto är ännu inte kopplat till ditt BankID: supporten kontrollerar det, kopplar kontot och mejlar dig. Det kan ta några dagar. Logga sedan in på samma sätt.',
    failedTitle: 'Inloggningen misslyckades',
    failed: 'BankID-inloggningen misslyckades.',
    failedHelp: 'Börja om. Kontakta supporten om det misslyckas igen.',
    cancelledTitle: 'Legitimeringen avbröts',
    cancelled: 'Du avbröt legitimeringen.',
    unavailableTitle: 'Det går inte att nå BankID',
    expiredTitle: 'Inloggningen avbröts',
    expired: 'Inloggningen tog för lång tid eller avbröts. Börja om.',
    startAgain: 'Börja om',
    toStartPage: 'Gå till startsidan',
  },
  linkAccount: {
    title: 'Koppla ditt konto',
    intro:
      'Skriv ditt användarnamn och startlösenordet från brevet som du fick med rekommenderad post. Sedan väljer du ett eget lösenord och konfigurerar autentiseringsappen i din telefon.',
    step: (step: number, total: number) => `Steg ${step} av ${total}`,
    missingToken: 'Länken är ofullständig. Öppna länken i välkomstmejlet igen eller kontakta supporten.',
    accountTitle: 'Användarnamn och startlösenord',
    initialPassword: 'Startlösenord (från brevet)',
    passwordTitle: 'Välj ditt lösenord',
    authenticatorTitle: 'Konfigurera autentiseringsappen',
    authenticatorText:
      'Installera Google Authenticator, eller en annan app för tidsbaserade engångslösenord (TOTP), i din telefon. Lägg till ett konto i appen och skanna den här QR-koden.',
    qrAlt: 'QR-kod att skanna med autentiseringsappen',
    secretText: 'Om du inte kan skanna koden kan du i stället skriva in den här nyckeln i appen:',
    accountLabel: 'Konto',
    secretLabel: 'Nyckel för autentiseringsappen',
    confirmText: 'Skriv koden som appen visar nu, så kontrollerar vi att appen är rätt konfigurerad.',
    termsTitle: 'Användarvillkor',
    termsText: 'Läs användarvillkoren. Du måste godkänna dem för att få använda MONA.',
    doneTitle: 'Ditt konto är klart',
    doneText:
      'Ditt konto är kopplat till din autentiseringsapp. Från och med nu loggar du in med ditt användarnamn, ditt nya lösenord och en kod från appen.',
  },
  session: {
    checking: 'Kontrollerar din inloggning …',
    loggedOutIn: (time: string) => `Utloggning om ${time} utan aktivitet`,
    logOutFailed: 'Utloggningen misslyckades. Försök igen.',
    dialogTitle: 'Vill du förbli inloggad?',
    dialogText: (time: string) => `Du har inte varit aktiv på en stund. Du loggas ut om ${time}.`,
    stay: 'Förbli inloggad',
  },
  loggedOut: {
    title: 'Du är utloggad',
    text: 'Din session har avslutats. Stäng webbläsaren om du använder en delad dator.',
    idle: (duration: string) => `Du loggades ut eftersom du var inaktiv i ${duration}.`,
    country: 'Du loggades ut eftersom din adress nu verkar finnas i ett land som inte är godkänt för MONA.',
  },
  portal: {
    title: 'Portal',
    welcome: (name: string) => `Välkommen, ${name}`,
    monaWeb: 'MONA-webb',
    monaWebText: 'Ladda upp filer, ladda ned det du har exporterat, läs användarvillkoren och se ditt konto.',
    remoteDesktop: 'Fjärrskrivbord (RDP-fil)',
    remoteDesktopText: 'Arbeta med ditt projekts uppgifter i ett fjärrskrivbord på plattformen.',
    remoteDesktopHidden:
      'För att se Fjärrskrivbord: godkänn användarvillkoren i MONA-webb, logga ut och logga in igen.',
    remoteDesktopAfterLogin:
      'Du har godkänt användarvillkoren. Fjärrskrivbord visas när du har loggat ut och loggat in igen.',
  },
  monaWeb: {
    title: 'MONA-webb',
    sections: 'Delar av MONA-webb',
    filesTab: 'Mina filer',
    downloadsTab: 'Nedladdningar',
    termsTab: 'Användarvillkor',
    accountTab: 'Mitt konto',
  },
  files: {
    loading: 'Laddar dina filer …',
    uploadTitle: 'Ladda upp en fil',
    intro: 'Ladda upp filer som du behöver i MONA, till exempel egna program, dokumentation eller tabeller.',
    allowedTypes: 'Filer som du får ladda upp:',
    maxSize: (size: string) => `Varje fil får vara högst ${size}.`,
    whatHappens:
      'Varje fil kontrolleras först: att den är vad namnet säger, vad ett arkiv innehåller, och mot virus. Sedan läggs den i My Documents\\InBox i ditt fjärrskrivbord, oftast inom några sekunder. För vissa projekt måste en granskare godkänna filen först.',
    sameName: 'Finns det redan en fil med samma namn får den nya ett nummer, till exempel data (2).csv.',
    storageTitle: 'Ditt lagringsutrymme',
    storageLabel: 'My Documents',
    storageUsed: (used: string, quota: string) => `${used} av ${quota} används`,
    fileLabel: 'Fil att ladda upp',
    projectLabel: 'För projekt (valfritt)',
    noProject: 'Inget särskilt projekt',
    upload: 'Ladda upp',
    uploading: (name: string) => `Laddar upp ${name}`,
    chooseFile: 'Välj en fil att ladda upp.',
    typeNotAllowed: (extension: string) => `Filer av typen .${extension} får inte laddas upp.`,
    noExtension: 'Filnamnet saknar filändelse, till exempel .csv, så filens typ är okänd.',
    tooLarge: (size: string) => `Filen är för stor: varje fil får vara högst ${size}.`,
    empty: 'Filen är tom.',
    received: (name: string) => `${name} har tagits emot och kontrolleras. Dess status visas nedan.`,
    waitingForReview: (name: string) =>
      `${name} har tagits emot och kontrollerats, och väntar på en granskare.`,
    delivered: (name: string, deliveredAs: string) =>
      `${name} finns i My Documents\\InBox i ditt fjärrskrivbord, som ${deliveredAs}.`,
    rejected: (name: string, reason: string) => `${name} togs inte emot: ${reason}`,
    listTitle: 'Dina uppladdningar',
    listEmpty: 'Du har inte laddat upp några filer.',
    size: 'Storlek',
    uploadedAt: 'Uppladdad',
    project: 'Projekt',
    state: 'Status',
    refreshing: 'Listan uppdateras med några sekunders mellanrum medan en fil kontrolleras eller granskas.',
  },
  uploadState: {
    received: 'Mottagen',
    checking: 'Kontrolleras',
    in_review: 'Granskas',
    approved: 'Godkänd, levereras',
    delivered: (name: string) => `Levererad till InBox som ${name}`,
    rejected: (reason: string) => `Avvisad: ${reason}`,
    technicalDetail: 'Teknisk information',
    reviewerNote: 'Granskarens kommentar',
  },
  uploadReason: {
    empty: 'filen är tom.',
    type_not_allowed: 'filer av den här typen får inte laddas upp.',
    type_mismatch: 'filen är inte vad namnet säger: innehållet är av en annan typ.',
    not_text: 'filen ska vara text men är det inte (text måste vara UTF-8 eller Windows-1252).',
    archive_too_deep: 'arkivet innehåller arkiv i för många nivåer.',
    archive_too_many_members: 'arkivet innehåller för många filer.',
    archive_too_large: 'arkivet är för stort uppackat.',
    archive_bomb: 'arkivet är misstänkt hårt komprimerat, som en ”zip-bomb”.',
    archive_unsafe_name: 'arkivet innehåller en fil vars namn eller sökväg inte är säker.',
    archive_encrypted: 'filen är krypterad (lösenordsskyddad) och kan därför inte kontrolleras.',
    archive_corrupt: 'arkivet är skadat och kan inte läsas.',
    infected: 'viruskontrollen hittade skadlig kod i filen.',
    scan_failed:
      'viruskontrollen kunde inte genomföras. Ladda upp filen igen, och kontakta supporten om det händer igen.',
    quota_exceeded: 'det finns inte plats för filen i My Documents: ditt lagringsutrymme är fullt.',
    processing_failed:
      'filen kunde inte behandlas. Ladda upp den igen, och kontakta supporten om det händer igen.',
    reviewer_rejected: 'granskaren godkände inte filen.',
    other: 'filen godtogs inte.',
  },
  downloads: {
    intro: 'Filer som du exporterar med programmet Exportera filer från MONA visas här efter granskning.',
    loading: 'Laddar dina nedladdningar …',
    empty: 'Det finns inga filer att ladda ned.',
  },
  account: {
    loading: 'Laddar ditt konto …',
    title: 'Ditt konto',
    username: 'Användarnamn',
    fullName: 'Namn',
    email: 'E-post',
    loginMethod: 'Inloggningssätt',
    projectsTitle: 'Dina projekt',
    noProjects: 'Du är inte medlem i något projekt.',
    deleteTitle: 'Radera kontot',
    deleteText:
      'Du kan beställa att ditt konto avslutas och raderas. Supporten hanterar beställningen: kontot avslutas, så att du inte längre kan logga in, och raderas sedan.',
    deleteBefore:
      'Innan du beställer detta: exportera de resultat du behöver med programmet Exportera filer från MONA, och meddela den organisation som ansvarar för dina projekt.',
    reasonLabel: 'Anledning (valfritt)',
    reasonHint: (max: string) => `Berätta gärna för supporten varför. Högst ${max} tecken.`,
    deleteButton: 'Radera kontot',
    confirmTitle: 'Avsluta och radera ditt konto?',
    confirmText:
      'Supporten avslutar ditt konto och raderar det. Har du exporterat de resultat du behöver och meddelat din organisation?',
    confirm: 'Ja, radera mitt konto',
    cancel: 'Avbryt',
    requested: (when: string) =>
      `Din beställning togs emot ${when}. Supporten hanterar den, och du har fått en bekräftelse via e-post.`,
  },
  loginMethod: {
    otp: guideLabel('Engångslösenord', 'One-time password, OTP'),
    bankid: guideLabel('BankID'),
    none: guideLabel('Inte konfigurerat än'),
  },
  projectRole: {
    member: 'medlem',
    principal: 'projektledare',
  },
  reviewUploads: {
    title: 'Granskning av uppladdningar',
    intro:
      'Filer som laddas upp för ett projekt där uppladdningar ska godkännas väntar här när de har klarat de automatiska kontrollerna. Ladda ned en fil och granska den. Godkänner du den levereras den till forskarens InBox; avvisar du den raderas den, och forskaren ser din anledning.',
    loading: 'Laddar uppladdningarna …',
    empty: 'Inga uppladdningar väntar på granskning.',
    user: 'Användare',
    size: 'Storlek',
    received: 'Mottagen',
    project: 'Projekt',
    noProject: 'inget',
    download: 'Ladda ned för granskning',
    approve: 'Godkänn',
    reject: 'Avvisa',
    cancel: 'Avbryt',
    confirmApproveTitle: 'Godkänna filen?',
    confirmApprove: (name: string, username: string) => `${name} levereras till InBox för ${username}.`,
    noteLabel: 'Anledning till avvisningen (visas för forskaren)',
    noteRequired: 'Ange en anledning: forskaren ser den.',
    rejectConfirm: 'Avvisa filen',
    approved: (name: string, username: string) => `${name} har godkänts och levereras till ${username}.`,
    rejected: (name: string, username: string) => `${name} från ${username} har avvisats.`,
    ownSubmission: 'Du har själv laddat upp filen, så en annan granskare granskar den.',
  },
  terms: {
    loading: 'Laddar användarvillkoren …',
    textLabel: 'Användarvillkoren',
    version: (version: string, published: string) => `Version ${version}, publicerad ${published}.`,
    accepted: (when: string) => `Du godkände den här versionen ${when}.`,
    notAccepted: 'Du har inte godkänt den här versionen än.',
    acceptedNow: 'Tack. Fjärrskrivbord visas i portalen när du har loggat ut och loggat in igen.',
  },
  desktop: {
    title: 'Fjärrskrivbord',
    loading: 'Hämtar ditt fjärrskrivbord …',
    limits: (idle: string, disconnected: string) =>
      `Efter ${idle} utan aktivitet stängs anslutningen, men sessionen fortsätter att köras; en session som har varit frånkopplad i ${disconnected} avslutas.`,
    noSession: 'Du har ingen session på fjärrskrivbordet. Den startas när du öppnar skrivbordet.',
    starting: 'Din session startar.',
    connected: 'Din session körs och är ansluten nu.',
    notConnected: 'Din session körs och är inte ansluten.',
    disconnected: (since: string) => `Din session körs, frånkopplad sedan ${since}.`,
    endsAt: (when: string) => `Den avslutas om du inte ansluter igen före ${when}.`,
    unavailable:
      'Ingen sessionsvärd är tillgänglig just nu, så fjärrskrivbordet kan inte öppnas. Försök igen senare.',
    openInBrowser: 'Öppna i webbläsaren',
    downloadRdp: 'Ladda ner RDP-fil',
    downloadingRdp: 'RDP-filen förbereds…',
    rdpDownloaded: (name: string, minutes: string) =>
      `${name} ligger bland dina nedladdningar. Öppna den inom ${minutes}: den fungerar en gång, från den här nätverksadressen.`,
    rdpHelp: 'Så öppnar du RDP-filen i Windows, macOS och Linux',
    rdpUnavailable: 'RDP-filer erbjuds inte för din session just nu; öppna skrivbordet i webbläsaren.',
    endSession: 'Avsluta sessionen',
    confirmEndTitle: 'Avsluta din session på fjärrskrivbordet?',
    confirmEndText:
      'Dina program stängs och det som inte är sparat går förlorat, som när du väljer Logga ut i skrivbordets startmeny.',
    confirmEnd: 'Ja, avsluta sessionen',
    cancel: 'Avbryt',
    ended: 'Din session på fjärrskrivbordet har avslutats.',
    backToPortal: 'Tillbaka till portalen',
  },
  viewer: {
    fullScreen: 'Helskärm',
    exitFullScreen: 'Avsluta helskärm',
    keyboard: 'Tangentbord',
    keyboardFailed: 'Tangentbordslayouten kunde inte ändras.',
    disconnect: 'Koppla från',
    idleClosed: (duration: string | undefined) =>
      `Du kopplades från efter ${duration ?? 'en stund'} utan aktivitet. Dina program körs fortfarande.`,
    endedBecause: {
      logout:
        'Din session på fjärrskrivbordet har avslutats: du loggade ut från skrivbordet eller avslutade sessionen från portalen. Dess program stängdes.',
      'disconnected-limit': (duration: string) =>
        `Din session på fjärrskrivbordet avslutades efter ${duration} utan anslutning. Dess program stängdes.`,
      lost: 'Din session på fjärrskrivbordet avslutades eftersom dess sessionsvärd slutade svara. Arbete som inte sparats kan ha gått förlorat; kontakta supporten om det händer igen.',
      'host-removed':
        'Din session på fjärrskrivbordet avslutades eftersom dess sessionsvärd togs ur drift. Dess program stängdes.',
      failed:
        'Din session på fjärrskrivbordet kunde inte startas. Starta en ny; kontakta supporten om det händer igen.',
      operator: 'Supporten avslutade din session på fjärrskrivbordet. Dess program stängdes.',
      other: 'Din session på fjärrskrivbordet har avslutats. Dess program stängdes.',
    },
    backToPortal: 'Tillbaka till portalen',
    failed: 'Det gick inte att ansluta till fjärrskrivbordet.',
    reconnect: 'Anslut igen',
    startNew: 'Starta en ny session',
    backToDesktop: 'Tillbaka till Fjärrskrivbord',
  },
  viewerState: {
    connecting: 'Ansluter …',
    connected: 'Ansluten',
    reconnecting: 'Återansluter …',
    'idle-closed': 'Frånkopplad',
    ended: 'Sessionen har avslutats',
    failed: 'Inte ansluten',
  },
  supportMail: {
    title: 'Uppfångad e-post',
    intro: 'E-post som installationen skickar fångas upp här i stället för att levereras. Senaste först.',
    notRunning: 'E-postfångaren körs inte: e-posten går till det konfigurerade e-postreläet.',
    empty: 'Ingen e-post har fångats upp.',
    from: 'Från',
    to: 'Till',
    received: 'Mottaget',
    noSubject: '(inget ämne)',
  },
  bankidRequests: {
    title: 'BankID-förfrågningar',
    intro:
      'Någon har loggat in med BankID som en användare vars konto inte är kopplat till den identiteten. Kontrollera personen mot era uppgifter innan du godkänner: ett godkännande kopplar kontot till BankID, tar bort inloggningen med engångslösenord och mejlar användaren.',
    show: 'Visa',
    showPending: 'Väntande förfrågningar',
    showAll: 'Alla förfrågningar',
    loading: 'Laddar förfrågningarna …',
    emptyPending: 'Inga förfrågningar väntar.',
    emptyAll: 'Det finns inga förfrågningar.',
    bankid: 'BankID',
    requestedAt: 'Inkom',
    from: 'Från',
    countryUnknown: 'okänt land',
    account: 'Konto',
    noAccount: 'Det finns inget konto med det här användarnamnet',
    noAccountText: 'Förfrågan kan inte godkännas. Kontrollera användarnamnet med personen.',
    accountUnusable: 'Kontot kan inte kopplas medan det är avstängt eller avslutat.',
    approve: 'Godkänn och koppla',
    reject: 'Avvisa',
    cancel: 'Avbryt',
    confirmApproveTitle: 'Godkänna och koppla?',
    confirmApprove: (username: string, name: string, pin: string) =>
      `Kontot ${username} kopplas till BankID för ${name} (${pin}). Inloggningen med engångslösenord tas bort, och användaren får ett mejl.`,
    confirmRejectTitle: 'Avvisa förfrågan?',
    confirmReject: (username: string, name: string) =>
      `Förfrågan från ${name} att logga in som ${username} avvisas. Kontot ändras inte.`,
    approved: (username: string) => `Kontot ${username} är nu kopplat till BankID.`,
    mailed: 'Användaren har fått ett mejl.',
    notMailed: 'Inget mejl kunde skickas: meddela användaren själv.',
    rejected: (username: string) => `Förfrågan för ${username} har avvisats.`,
  },
  // Kontots tillstånd, som en BankID-förfrågan visar det.
  accountState: {
    invited: 'inbjudet, ännu inte kopplat',
    active: 'aktivt',
    suspended: 'avstängt',
    closing: 'avslutas',
    closed: 'avslutat',
  },
  linkRequestState: {
    pending: 'Väntar',
    approved: 'Godkänd',
    rejected: 'Avvisad',
  },
  rdpHelp: {
    title: 'Öppna RDP-filen',
    intro:
      'Sidan Fjärrskrivbord ger dig en RDP-fil med ett namn som launch1a2b3c4d.rdp. Den öppnar din skrivbordssession, samma som webbläsaren visar, i datorns eget program för fjärrskrivbord. Varje fil fungerar en gång, i ett par minuter, och bara från den nätverksadress som laddade ner den: ladda ner en ny varje gång du ansluter. Filen är signerad av operatören; ditt program kan visa operatören som utgivare.',
    windowsTitle: 'Windows',
    windows: [
      'Öppna filen (dubbelklicka på den i Hämtade filer). Anslutning till fjärrskrivbord startar.',
      'Kontrollera att utgivaren är din dataleverantör och välj Anslut. Du får inte frågan om lösenord: filen har ett engångslösenord.',
      'Skrivbordet fyller skärmen. Fältet överst låter dig minimera det eller stänga anslutningen; dina program fortsätter att köras.',
    ],
    macTitle: 'macOS',
    mac: [
      'Installera Windows App (tidigare Microsoft Remote Desktop) från App Store, en gång.',
      'Öppna filen från Hämtade filer; den öppnas i Windows App. Godkänn certifikatet om du tillfrågas, sedan öppnas skrivbordet.',
    ],
    linuxTitle: 'Linux',
    linux: [
      'Installera FreeRDP en gång (Debian och Ubuntu: sudo apt install freerdp2-x11).',
      'Kör: xfreerdp ~/Hämtningar/launch1a2b3c4d.rdp (med namnet på din fil). Remmina kan också öppna filen.',
    ],
    monitorsTitle: 'Använda alla skärmar',
    monitors: [
      'I Windows högerklickar du på filen, väljer Redigera och kryssar på fliken Bildskärm i ”Använd alla mina bildskärmar för fjärrsessionen”, och väljer sedan Anslut.',
      'Överallt kan du öppna filen i en textredigerare och ändra raden use multimon:i:0 till use multimon:i:1. Signaturen gäller fortfarande: den raden hör inte till de signerade inställningarna. Med xfreerdp kan du i stället lägga till /multimon.',
    ],
    rulesTitle: 'Vad anslutningen inte gör',
    rules:
      'Urklipp, enheter, skrivare, portar, smartkort och ljudinspelning ansluts inte, vad filen eller programmet än säger: data lämnar skrivbordet bara genom exportgranskningen. Efter 30 minuter utan tangentbord eller mus stängs anslutningen; sessionen fortsätter och du kan ansluta igen.',
    troubleTitle: 'Om det inte går att ansluta',
    trouble:
      'En fil som redan använts, som är äldre än ett par minuter, som öppnas från ett annat nätverk (en VPN som slagits på eller av under tiden) eller vars adressrader ändrats avvisas. Ladda ner en ny fil och öppna den direkt.',
    back: 'Tillbaka till Fjärrskrivbord',
  },
  accessibility: {
    title: 'Tillgänglighetsredogörelse',
    intro: (operator: string) =>
      `${operator} vill att så många som möjligt ska kunna använda MONA. Den här redogörelsen beskriver hur MONA uppfyller lagen om tillgänglighet till digital offentlig service, vad som ännu inte är tillgängligt och hur du kan rapportera problem.`,
    statusTitle: 'Hur tillgängligt MONA är',
    status:
      'Webbsidorna (startsidan, inloggningen, portalen, MONA-webben och personalens sidor) uppfyller Web Content Accessibility Guidelines (WCAG) 2.1 på nivå AA: de fungerar med enbart tangentbord, med skärmläsare, i 200 % förstoring och på en skärm som är 320 pixlar bred, på svenska och engelska. Fjärrskrivbordet i webbläsaren gör det inte, som beskrivs nedan.',
    limitsTitle: 'Det här är inte tillgängligt',
    limits: [
      'Fjärrskrivbordet i webbläsaren är en bild av skrivbordet på plattformen, ritad på en canvas: en skärmläsare kan inte läsa fönstren, menyerna eller texten i den, och när du förstorar i webbläsaren förstoras bilden, inte texten.',
      'Tangentbord och mus skickas vidare till skrivbordet, men fokus och kortkommandon där följer programmen på plattformen, inte din egen dator.',
      'Programmen i skrivbordet (R, Python, filhanteraren, kalkylprogram) har sin egen, varierande tillgänglighet.',
    ],
    alternative:
      'I stället för webbläsaren kan du öppna samma session med din egen dators program för fjärrskrivbord, med en RDP-fil. Det använder din dators skalning och helskärm, och fungerar med operativsystemets tillgänglighetsinställningar för sitt eget fönster.',
    alternativeLink: 'Så öppnar du RDP-filen',
    reportTitle: 'Rapportera ett problem, eller be om innehållet i annan form',
    report:
      'Om något på de här sidorna inte fungerar för dig, eller om du behöver information i en annan form, kontakta supporten. Berätta vilken sida det gäller och vad som hände.',
    enforcementTitle: 'Tillsyn',
    enforcement:
      'Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar din rapport kan du kontakta Digg.',
    methodTitle: 'Hur vi har testat',
    method:
      'Sidorna kontrolleras automatiskt med axe-core mot WCAG 2.1 A och AA på båda språken, även sidor med innehåll, vid varje ändring, och har prövats för hand med enbart tangentbord och i 320 pixlars bredd. Redogörelsen granskades senast den 7 december 2026.',
  },
  notFound: {
    title: 'Sidan hittades inte',
    text: 'Sidan du söker finns inte. Kontrollera adressen eller gå till startsidan.',
    homeLink: 'Gå till startsidan',
  },
};
