/** A studio error or confirmation line, announced to screen readers; renders nothing without a message. */
export function ErrorNotice({ message, id }: { message: string | undefined; id?: string }) {
  return (
    <p className="notice" data-tone="danger" role="alert" id={id} hidden={!message}>
      {message}
    </p>
  );
}

export function StatusNotice({ message }: { message: string | undefined }) {
  return (
    <p className="notice" data-tone="success" role="status">
      {message}
    </p>
  );
}
