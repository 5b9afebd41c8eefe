/** A neutral mark for installations that configure no logo of their own: a bar chart on a rounded tile. */
export function DefaultLogo({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <rect width="40" height="40" rx="8" fill="#ffffff" />
      <rect x="9" y="20" width="5" height="11" rx="1" fill="#0f3557" />
      <rect x="17.5" y="13" width="5" height="18" rx="1" fill="#0f3557" />
      <rect x="26" y="8" width="5" height="23" rx="1" fill="#2a7ab8" />
    </svg>
  );
}
