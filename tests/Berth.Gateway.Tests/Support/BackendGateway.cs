namespace Berth.Gateway.Tests.Support;

/// <summary>A harness with the backends a test registered, for tests that look at what the backends saw.</summary>
internal sealed class BackendGateway(GatewayHarness harness, IReadOnlyList<TestBackend> backends) : IAsyncDisposable
{
    public IReadOnlyList<TestBackend> Backends { get; } = backends;

    public Uri Address => harness.Address;

    public HttpClient Client => harness.Client;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string host, string path, CancellationToken cancellationToken, HttpContent? content = null) =>
        harness.SendAsync(method, host, path, cancellationToken, content);

    public Task<string> GetTextAsync(string host, string path, CancellationToken cancellationToken) => harness.GetTextAsync(host, path, cancellationToken);

    public ValueTask DisposeAsync() => harness.DisposeAsync();
}
