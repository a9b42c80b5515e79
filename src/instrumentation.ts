export async function register() {
  // The condition is inlined at build time, so the Edge bundle never sees the Node-only start-up code.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("@/server/startup");
    await prepareServer();
  }
}
