// The English dictionary is the reference: its shape is the type every other language must match.
export const en = {
  layout: {
    skipToContent: 'Skip to content',
    productTagline: 'Microdata Online Access',
    mainNav: 'Main menu',
    navStart: 'Start',
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
  notFound: {
    title: 'Page not found',
    text: 'The page you are looking for does not exist. Check the address, or go to the start page.',
    homeLink: 'Go to the start page',
  },
};

export type Messages = typeof en;
