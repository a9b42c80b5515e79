"use server";

import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { conceptSchema, convertFreeTagSchema, updateConceptSchema } from "./schemas";
import { convertFreeTag, createConcept, updateConcept } from "./service";

// Authorization (DINUM only) is checked by each service function.

export const createConceptAction = defineAction(conceptSchema, async (input, user) => {
  const concept = await createConcept(db(), user, input);
  return { id: concept.id, label: concept.label };
});

export const updateConceptAction = defineAction(updateConceptSchema, async ({ id, ...input }, user) => {
  const concept = await updateConcept(db(), user, id, input);
  return { id: concept.id, label: concept.label };
});

export const convertFreeTagAction = defineAction(convertFreeTagSchema, async (input, user) => convertFreeTag(db(), user, input));
