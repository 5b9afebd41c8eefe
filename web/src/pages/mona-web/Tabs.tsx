import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';

export interface Tab {
  id: string;
  label: string;
  panel: () => ReactNode;
}

interface TabsProps {
  label: string;
  tabs: Tab[];
  /** The tab shown first; the first tab when absent or unknown. */
  initial?: string | undefined;
  /** Told of each change of tab, e.g. to keep it in the address. */
  onSelect?: (id: string) => void;
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; only the chosen panel is rendered. */
export function Tabs({ label, tabs, initial, onSelect }: TabsProps) {
  const [selected, setSelectedState] = useState(
    tabs.some((tab) => tab.id === initial) ? initial : tabs[0]?.id,
  );
  const setSelected = (id: string) => {
    setSelectedState(id);
    onSelect?.(id);
  };
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const prefix = useId();

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const target = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1 + tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    const tab = target === undefined ? undefined : tabs[target % tabs.length];
    if (!tab) return;
    event.preventDefault();
    setSelected(tab.id);
    buttons.current.get(tab.id)?.focus();
  }

  const current = tabs.find((tab) => tab.id === selected);
  return (
    <div className="tabs">
      <div className="tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) buttons.current.set(tab.id, element);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${prefix}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${prefix}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="tabs__tab"
            onClick={() => setSelected(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current && (
        <div
          role="tabpanel"
          id={`${prefix}-panel-${current.id}`}
          aria-labelledby={`${prefix}-tab-${current.id}`}
          className="tabs__panel"
        >
          {current.panel()}
        </div>
      )}
    </div>
  );
}
