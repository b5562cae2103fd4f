using System.CommandLine;

namespace Berth.Client;

/// <summary>What a client command's action gets: its parsed input, an API client and where to write.</summary>
internal sealed record ClientInvocation(
    ParseResult ParseResult,
    ClientSettings Settings,
    BerthApiClient Api,
    TextWriter Out,
    TextWriter Error,
    CancellationToken CancellationToken);
