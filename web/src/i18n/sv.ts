import type { Messages } from './en.js';

const minutes = (count: number) => (count === 1 ? '1 minut' : `${count} minuter`);
const seconds = (count: number) => (count === 1 ? '1 sekund' : `${count} sekunder`);

export const sv: Messages = {
  layout: {
    skipToContent: 'Hoppa till innehållet',
    productTagline: 'Microdata Online Access',
    mainNav: 'Huvudmeny',
    navStart: 'Start',
    navLogIn: 'Logga in',
    navPortal: 'Portal',
    navMonaWeb: 'MONA-webb',
    navCaughtMail: 'Uppfångad e-post',
    navBankIdRequests: 'BankID-förfrågningar',
    language: 'Språk',
    loading: 'Laddar …',
    support: 'Support',
    email: 'E-post',
    phone: 'Telefon',
    website: 'Webbplats',
    version: 'Version',
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
  units: { minutes, seconds },
  // Knapparna heter som i användarhandledningen: på engelska även i den svenska versionen.
  buttons: {
    accept: 'Accept',
    continue: 'Continue',
    logIn: 'Log in',
    logOut: 'Log out',
    otp: 'One-time password (OTP)',
    bankid: 'BankID',
  },
  errors: {
    network: 'Det gick inte att nå MONA. Kontrollera din anslutning och försök igen.',
    rateLimited: 'För många försök. Vänta en stund och försök igen.',
    validation: 'Fyll i alla fält.',
    notAuthenticated: 'Du är inte längre inloggad.',
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
    bankidNotOffered: 'Inloggning med BankID erbjuds inte här. Välj ett annat sätt att logga in.',
    linkRequestUnusable:
      'Förfrågan kan inte godkännas: kontot finns inte, är avstängt eller avslutat, eller så är identiteten kopplad till ett annat konto.',
    linkRequestDecided: 'Förfrågan är redan avgjord, kanske av någon annan.',
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
    same_as_current: 'Det nya lösenordet måste skilja sig från det nuvarande.',
    repeat_mismatch: 'De två lösenorden är inte likadana.',
    other: 'Lösenordet följer inte reglerna.',
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
      'Skriv användarnamnet från välkomstmejlet och klicka på Continue. Sedan skickas du till BankID för att legitimera dig.',
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
  },
  portal: {
    title: 'Portal',
    welcome: (name: string) => `Välkommen, ${name}`,
    monaWeb: 'MONA-webb',
    monaWebText: 'De användarvillkor som du arbetar under.',
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
    termsTab: 'Användarvillkor',
  },
  terms: {
    loading: 'Laddar användarvillkoren …',
    version: (version: string, published: string) => `Version ${version}, publicerad ${published}.`,
    accepted: (when: string) => `Du godkände den här versionen ${when}.`,
    notAccepted: 'Du har inte godkänt den här versionen än.',
    acceptedNow: 'Tack. Fjärrskrivbord visas i portalen när du har loggat ut och loggat in igen.',
  },
  desktop: {
    title: 'Fjärrskrivbord',
    notConfigured:
      'Tjänsten för fjärrskrivbord är inte konfigurerad i den här installationen, så det finns ännu ingen RDP-fil att ladda ned. Kontakta supporten om du behöver den.',
    backToPortal: 'Tillbaka till portalen',
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
  notFound: {
    title: 'Sidan hittades inte',
    text: 'Sidan du söker finns inte. Kontrollera adressen eller gå till startsidan.',
    homeLink: 'Gå till startsidan',
  },
};
