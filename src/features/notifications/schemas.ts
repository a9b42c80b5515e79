import { z } from "@/lib/zod-fr";

export const markAllReadSchema = z.object({});
