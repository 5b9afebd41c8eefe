import type { Messages } from './en.js';

export const sv: Messages = {
  layout: {
    skipToContent: 'Hoppa till innehållet',
    productTagline: 'Microdata Online Access',
    mainNav: 'Huvudmeny',
    navStart: 'Start',
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
  notFound: {
    title: 'Sidan hittades inte',
    text: 'Sidan du söker finns inte. Kontrollera adressen eller gå till startsidan.',
    homeLink: 'Gå till startsidan',
  },
};
