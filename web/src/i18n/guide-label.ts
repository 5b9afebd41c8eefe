/**
 * A label the user guide names. The guide shows some buttons by their English text even in its
 * Swedish edition ("klicka på Accept"), so a Swedish label keeps that English text after it, in
 * parentheses, for the reader who follows the guide: "Godkänn (Accept)".
 */
export interface GuideLabel {
  text: string;
  /** The guide's English name for it, shown after `text`; absent where `text` is that name. */
  english?: string;
}

export function guideLabel(text: string, english?: string): GuideLabel {
  return english === undefined ? { text } : { text, english };
}

/** The label as one string, as a screen reader announces it and a test finds it. */
export function guideLabelText(label: GuideLabel): string {
  return label.english === undefined ? label.text : `${label.text} (${label.english})`;
}
