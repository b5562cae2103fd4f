namespace Berth.Acme.Tests.Support;

/// <summary>Publishes nothing, so the ACME server's HTTP-01 check finds no answer.</summary>
internal sealed class SilentResponder : IHttp01Responder
{
    public Task PublishAsync(string token, string keyAuthorization, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WithdrawAsync(string token, CancellationToken cancellationToken) => Task.CompletedTask;
}
