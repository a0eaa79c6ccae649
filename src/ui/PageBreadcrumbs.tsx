import { Breadcrumb, Breadcrumbs } from 'react-aria-components';
import { Link } from 'react-router-dom';

/** The way back from an object's page: its list, then the object itself (the current page). */
export function PageBreadcrumbs({ label, parent, current }: { label: string; parent: { to: string; text: string }; current: string }) {
  return (
    <Breadcrumbs className="breadcrumbs" aria-label={label}>
      <Breadcrumb>
        <Link to={parent.to}>{parent.text}</Link>
      </Breadcrumb>
      <Breadcrumb>
        <span aria-current="page">{current}</span>
      </Breadcrumb>
    </Breadcrumbs>
  );
}
