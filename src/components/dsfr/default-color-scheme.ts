import type { DefaultColorScheme } from "@codegouvfr/react-dsfr/next-app-router";

/**
 * Light, written by the server on <html>. With "system", the theme attribute is set only by the
 * browser; an in-app 404 re-renders <html> without it, and react-dsfr then fails its own check
 * (« Wrong assertion encountered » in the console). The site offers no theme switch.
 */
export const defaultColorScheme: DefaultColorScheme = "light";
