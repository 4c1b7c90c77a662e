interface FormErrorsProps {
  /** Field errors plus general server reasons. */
  errorCount: number;
  /** Reasons from the server that belong to no field. */
  general: readonly string[];
  /** A failure of the request itself (network, server), said apart from the form's errors. */
  generalError?: string | null | undefined;
  /** While the form is being sent the old errors are not repeated. */
  pending: boolean;
}

/** The summary above a form: how many errors, the server's general reasons, and a failed request. */
export function FormErrors({ errorCount, general, generalError, pending }: FormErrorsProps) {
  return (
    <>
      {errorCount > 0 && !pending && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          <p className="font-medium">
            {errorCount === 1
              ? 'Er is 1 fout in het formulier.'
              : `Er zijn ${errorCount} fouten in het formulier.`}
          </p>
          {general.length > 0 && (
            <ul className="list-disc pl-5">
              {general.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {generalError && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {generalError}
        </p>
      )}
    </>
  );
}
