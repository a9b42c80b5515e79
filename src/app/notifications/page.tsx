import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadButton } from "@/features/notifications/components/mark-all-read-button";
import { listNotifications } from "@/features/notifications/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { formatDateTime } from "@/lib/format-fr";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requirePageUser();
  const items = await listNotifications(db(), user);
  const unread = items.filter((item) => !item.readAt).length;
  return (
    <>
      <h1>Notifications</h1>
      {items.length === 0 ? (
        <p>Aucune notification pour l&apos;instant.</p>
      ) : (
        <>
          <p>{unread === 0 ? "Tout est lu." : `${unread} non lue${unread > 1 ? "s" : ""}.`}</p>
          {unread > 0 ? <MarkAllReadButton /> : null}
          <ul className="fr-raw-list fr-mt-3w">
            {items.map((item) => (
              <li key={item.id} className="fr-mb-2w fr-p-2w" style={{ borderLeft: item.readAt ? "4px solid #ddd" : "4px solid #000091" }}>
                <p className="fr-text--bold fr-mb-1v">
                  {item.readAt ? null : <span className="fr-sr-only">Non lue : </span>}
                  {item.link ? <Link href={item.link}>{item.title}</Link> : item.title}
                </p>
                {item.body ? <p className="fr-mb-1v">{item.body}</p> : null}
                <p className="fr-text--xs fr-mb-0">
                  {formatDateTime(item.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
