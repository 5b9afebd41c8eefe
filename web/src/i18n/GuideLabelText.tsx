import type { GuideLabel } from './guide-label.js';

/** A guide label with its English name marked as English, so that a screen reader says it as such. */
export function GuideLabelText({ label }: { label: GuideLabel }) {
  if (label.english === undefined) return label.text;
  return (
    <>
      {label.text} <span lang="en">({label.english})</span>
    </>
  );
}
