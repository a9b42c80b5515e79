import { z } from "zod";

// Every message zod writes by itself (when a schema gives none) is in French.
z.config(z.locales.fr());

export { z };
