namespace Berth.Acme;

/// <summary>The ACME server refused or failed a step; <see cref="Problem"/> is its problem document when it sent one.</summary>
public sealed class AcmeException : Exception
{
    public AcmeException(string message, AcmeProblem? problem = null)
        : base(problem is null ? message : $"{message}: {problem}")
    {
        Problem = problem;
    }

    public AcmeException()
    {
    }

    public AcmeException(string message)
        : base(message)
    {
    }

    public AcmeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The server's problem document, or null when the failure was not described by one.</summary>
    public AcmeProblem? Problem { get; }
}
