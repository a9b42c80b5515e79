"use client";

/** Last resort when the root layout itself fails: plain HTML, no design system. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body style={{ fontFamily: "sans-serif", padding: "2rem" }}>
        <h1>Le service est momentanément indisponible</h1>
        <p>Réessayez dans quelques instants. Ce que vous aviez enregistré est conservé.</p>
        <button type="button" onClick={() => reset()}>
          Réessayer
        </button>
      </body>
    </html>
  );
}
