using System.IO.Pipelines;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>The application's ends of a connection's two pipes.</summary>
internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
