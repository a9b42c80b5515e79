import type { Metadata } from "next";

export const metadata: Metadata = { title: "Accessibilité" };

export default function AccessibilitePage() {
  return (
    <>
      <h1>Accessibilité</h1>
      <p>{"Ce service vise la conformité au référentiel général d'amélioration de l'accessibilité (RGAA 4.1). Un audit est prévu ; en attendant, il est partiellement conforme. Signalez tout défaut d'accessibilité à l'équipe Mission Talents."}</p>
    </>
  );
}
