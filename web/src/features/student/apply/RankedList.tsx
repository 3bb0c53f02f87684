// The ranked list, most wanted first, up to the call's maximum: reordered by dragging (mouse,
// touch, or the keyboard: Space to lift, arrows to move, Space to drop, Escape to cancel; dnd-kit
// announces each step in the page's language) or with the "move up/down" buttons.
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../../lib/format.ts";
import type { Destination } from "./data.ts";

type Move = { id: string; control: "up" | "down" | "remove" } | null;

function Item({
  id,
  position,
  count,
  destination,
  onMove,
  onRemove,
}: {
  id: string;
  position: number;
  count: number;
  destination: Destination | undefined;
  onMove: (id: string, by: -1 | 1) => void;
  onRemove: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id });
  const name = destination?.agreement.partner.name ?? id;
  const country = destination ? countryName(destination.agreement.partner.country, i18n.language) : "";
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={isDragging ? "apply-item apply-item-dragging" : "apply-item"}
      data-agreement={id}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="apply-handle"
        {...attributes}
        {...listeners}
        aria-label={t("apply.list.drag", { name, position: position + 1 })}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <span className="apply-position" aria-hidden="true">
        {position + 1}.
      </span>
      <span className="apply-name">
        <span className="visually-hidden">{t("apply.list.positionN", { n: position + 1 })} </span>
        <strong>{name}</strong> <span className="muted">{country}</span>
      </span>
      <span className="apply-item-actions">
        <button
          type="button"
          className="button-small"
          id={`move-up-${id}`}
          disabled={position === 0}
          onClick={() => onMove(id, -1)}
        >
          {t("apply.list.up")}
          <span className="visually-hidden"> {name}</span>
        </button>
        <button
          type="button"
          className="button-small"
          id={`move-down-${id}`}
          disabled={position === count - 1}
          onClick={() => onMove(id, 1)}
        >
          {t("apply.list.down")}
          <span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="button-small" id={`remove-${id}`} onClick={() => onRemove(id)}>
          {t("apply.list.remove")}
          <span className="visually-hidden"> {name}</span>
        </button>
      </span>
    </li>
  );
}

export function RankedList({
  choices,
  byId,
  maxChoices,
  onChange,
  onAnnounce,
  readOnly,
}: {
  choices: string[];
  byId: ReadonlyMap<string, Destination>;
  maxChoices: number | null;
  onChange: (next: string[]) => void;
  onAnnounce: (text: string) => void;
  /** Outside the application window: the list as it stands, nothing to change. */
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const focusAfter = useRef<Move>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const name = (id: string | number) => byId.get(String(id))?.agreement.partner.name ?? String(id);
  const positionOf = (id: string | number) => choices.indexOf(String(id)) + 1;

  useEffect(() => {
    const wanted = focusAfter.current;
    if (wanted === null) return;
    focusAfter.current = null;
    if (wanted.control === "remove") {
      heading.current?.focus();
      return;
    }
    const button = document.getElementById(`move-${wanted.control}-${wanted.id}`) as HTMLButtonElement | null;
    const other = document.getElementById(
      `move-${wanted.control === "up" ? "down" : "up"}-${wanted.id}`,
    ) as HTMLButtonElement | null;
    (button && !button.disabled ? button : other)?.focus();
  });

  const move = (id: string, by: -1 | 1) => {
    const from = choices.indexOf(id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= choices.length) return;
    focusAfter.current = { id, control: by < 0 ? "up" : "down" };
    onChange(arrayMove(choices, from, to));
    onAnnounce(t("apply.announce.moved", { name: name(id), position: to + 1, count: choices.length }));
  };
  const remove = (id: string) => {
    focusAfter.current = { id, control: "remove" };
    onChange(choices.filter((c) => c !== id));
    onAnnounce(t("apply.announce.removed", { name: name(id) }));
  };
  const dragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onChange(arrayMove(choices, choices.indexOf(String(active.id)), choices.indexOf(String(over.id))));
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t("apply.dnd.start", { name: name(active.id), position: positionOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t("apply.dnd.over", { name: name(active.id), position: positionOf(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? t("apply.dnd.end", { name: name(active.id), position: positionOf(over.id) })
        : t("apply.dnd.cancel", { name: name(active.id) }),
    onDragCancel: ({ active }) => t("apply.dnd.cancel", { name: name(active.id) }),
  };

  return (
    <section aria-labelledby="ranked-title" className="apply-ranked">
      <h2 id="ranked-title" ref={heading} tabIndex={-1}>
        {t("apply.list.title")}
      </h2>
      <p className="muted">
        {maxChoices === null
          ? t("apply.list.countNoMax", { count: choices.length })
          : t("apply.list.count", { count: choices.length, max: maxChoices })}
      </p>
      {choices.length === 0 ? (
        <p>{t(readOnly ? "apply.list.emptyClosed" : "apply.list.empty")}</p>
      ) : readOnly ? (
        <ol data-testid="ranked-list">
          {choices.map((id) => (
            <li key={id} data-agreement={id}>
              {name(id)}
            </li>
          ))}
        </ol>
      ) : (
        <>
          <p className="hint">{t("apply.list.howTo")}</p>
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            onDragEnd={dragEnd}
            accessibility={{
              announcements,
              screenReaderInstructions: { draggable: t("apply.dnd.instructions") },
            }}
          >
            <SortableContext items={choices} strategy={verticalListSortingStrategy}>
              <ol className="apply-list" data-testid="ranked-list">
                {choices.map((id, i) => (
                  <Item
                    key={id}
                    id={id}
                    position={i}
                    count={choices.length}
                    destination={byId.get(id)}
                    onMove={move}
                    onRemove={remove}
                  />
                ))}
              </ol>
            </SortableContext>
          </DndContext>
        </>
      )}
    </section>
  );
}
