import type { Metadata } from "next";

export const metadata: Metadata = { title: "Mentions légales" };

export default function MentionsLegalesPage() {
  return (
    <>
      <h1>Mentions légales</h1>
      <p>{"Ce service est édité par la Direction interministérielle du numérique (DINUM), 20 avenue de Ségur, 75007 Paris."}</p>
    </>
  );
}
