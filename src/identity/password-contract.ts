/**
 * R12's special characters: all 32 printable ASCII characters that are neither letter nor digit. The
 * password pages list them, and the policy counts them as a kind.
 */
export const PASSWORD_SPECIALS = '~!@#$%^&*_-+=(){}[]:;"\'<>,.?`|\\/';
