import { z } from "@/lib/zod-fr";

export const retryEmailSchema = z.object({ emailId: z.string().uuid() });
