namespace Berth.Acme;

/// <summary>
/// Where HTTP-01 answers are published for the web servers that receive the challenge (Berth's gateways read them from
/// discovery): <c>GET /.well-known/acme-challenge/{token}</c> must answer the key authorization once published.
/// </summary>
public interface IHttp01Responder
{
    /// <summary>Makes <paramref name="token"/> answer <paramref name="keyAuthorization"/>; returns once it does.</summary>
    Task PublishAsync(string token, string keyAuthorization, CancellationToken cancellationToken);

    /// <summary>Stops answering <paramref name="token"/>.</summary>
    Task WithdrawAsync(string token, CancellationToken cancellationToken);
}
