namespace Berth.Gateway.Proxy;

/// <summary>What one read did for the head being waited for.</summary>
internal enum HeadStep
{
    /// <summary>Not complete yet: read again.</summary>
    More,

    /// <summary>A complete head was taken and parsed.</summary>
    Taken,

    /// <summary>A request head that gets an error answer (the error says which).</summary>
    Refused,

    /// <summary>No head will come: the connection ends (or, for an answer, the outcome says why).</summary>
    End,
}
