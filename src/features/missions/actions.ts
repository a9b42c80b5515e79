"use server";

import { revalidatePath } from "next/cache";
import { rankPublishedMission } from "@/features/appariement/service";
import { defineAction } from "@/server/actions/action";
import { db } from "@/server/db";
import { errorFields, logger } from "@/server/observability/logger";
import { archiveMissionSchema, publishMissionSchema, returnMissionSchema, saveMissionDraftSchema, submitMissionSchema } from "./schemas";
import { archiveMission, publishMission, returnMissionForChanges, saveMissionDraft, submitMission } from "./service";

export const saveMissionDraftAction = defineAction(saveMissionDraftSchema, async (input, user) => {
  const saved = await saveMissionDraft(db(), user, input);
  // A first mission opens the demandeur space: the menu changes.
  revalidatePath("/", "layout");
  return saved;
});

export const submitMissionAction = defineAction(submitMissionSchema, async (input, user) => {
  const submitted = await submitMission(db(), user, input);
  revalidatePath("/", "layout");
  return submitted;
});

export const publishMissionAction = defineAction(publishMissionSchema, async (input, user) => {
  const published = await publishMission(db(), user, input.missionId);
  // Ranked now when the index is built (milliseconds), else right after its background build: DINUM
  // finds suggestions at once; if this fails they are computed on first view.
  await rankPublishedMission(db(), input.missionId).catch((error: unknown) =>
    logger().warn({ event: "matching.publication_ranking_failed", ...errorFields(error) }, "suggestions non calculées à la publication"),
  );
  revalidatePath("/", "layout");
  return published;
});

export const returnMissionAction = defineAction(returnMissionSchema, async (input, user) => {
  const returned = await returnMissionForChanges(db(), user, input);
  revalidatePath("/", "layout");
  return returned;
});

export const archiveMissionAction = defineAction(archiveMissionSchema, async (input, user) => {
  const archived = await archiveMission(db(), user, input);
  revalidatePath("/", "layout");
  return archived;
});
