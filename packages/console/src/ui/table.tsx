/** A table head row of column headers. */
export const Head = ({ cols }: { cols: readonly string[] }) => (
  <thead>
    <tr>
      {cols.map((h) => (
        <th scope="col">{h}</th>
      ))}
    </tr>
  </thead>
);

/** A form's submit row. */
export const Submit = ({ label }: { label: string }) => (
  <div class="actions">
    <button type="submit">{label}</button>
  </div>
);
