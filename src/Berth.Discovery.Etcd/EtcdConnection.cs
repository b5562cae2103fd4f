using Berth.Discovery.Selection;
using dotnet_etcd;
using Etcdserverpb;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Berth.Discovery.Etcd;

/// <summary>
/// One gRPC channel to the etcd members (round robin, retry while a member is unavailable), the generated v3 clients
/// over it, and the auth token every call carries when a user is configured.
/// </summary>
internal sealed class EtcdConnection : IDisposable
{
    private static readonly MethodConfig RetryUnavailable = new()
    {
        Names = { MethodName.Default },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 4,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(1),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };

    private readonly GrpcChannel _channel;
    private readonly string? _password;
    private readonly SemaphoreSlim _authenticating = new(1, 1);
    private volatile Metadata? _headers;

    public EtcdConnection(DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoints = options.Endpoints.Select(e => e.Trim()).ToList();
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("etcd needs at least one endpoint, such as http://127.0.0.1:2379.", nameof(options));
        }

        var secure = endpoints.All(e => e.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (!secure && endpoints.Any(e => !e.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException(
                $"etcd endpoints must all be http://host:port or all https://host:port, not '{string.Join(",", endpoints)}'.", nameof(options));
        }

        User = string.IsNullOrEmpty(options.Username) ? null : options.Username;
        _password = options.Password;
        _channel = new GrpcChannelFactory().CreateChannel(
            string.Join(',', endpoints),
            2379,
            new Uri(endpoints[0]).Host,
            secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
            channel => channel.ServiceConfig = new ServiceConfig
            {
                MethodConfigs = { RetryUnavailable },
                LoadBalancingConfigs = { new RoundRobinConfig() },
            },
            ssl => EtcdTls.Configure(ssl, options));
        Kv = new KV.KVClient(_channel);
        Watch = new Watch.WatchClient(_channel);
        Lease = new Lease.LeaseClient(_channel);
        Auth = new Auth.AuthClient(_channel);
    }

    /// <summary>The configured user; null when connecting without auth.</summary>
    public string? User { get; }

    public KV.KVClient Kv { get; }

    public Watch.WatchClient Watch { get; }

    public Lease.LeaseClient Lease { get; }

    private Auth.AuthClient Auth { get; }

    /// <summary>Call options carrying the auth token (authenticating first when there is none yet).</summary>
    public async ValueTask<CallOptions> OptionsAsync(CancellationToken cancellationToken)
    {
        if (User is null)
        {
            return new CallOptions(cancellationToken: cancellationToken);
        }

        var headers = _headers ?? await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
        return new CallOptions(headers, cancellationToken: cancellationToken);
    }

    /// <summary>Test hook: replaces the auth token, as if etcd had let it expire.</summary>
    internal void ReplaceToken(string token) => _headers = new Metadata { { "token", token } };

    /// <summary>Forgets the token carried by <paramref name="used"/>, so the next call authenticates again.</summary>
    public void InvalidateToken(CallOptions used) => Interlocked.CompareExchange(ref _headers, null, used.Headers);

    /// <summary>
    /// Runs a unary call with the token; authenticates again once when etcd says the token expired, and turns refusals
    /// into <see cref="DiscoveryAccessDeniedException"/>.
    /// </summary>
    public async Task<T> CallAsync<T>(string action, Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var options = await OptionsAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await call(options).ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e) when (attempt == 0 && EtcdErrors.IsInvalidToken(e))
            {
                InvalidateToken(options);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException e)
            {
                throw EtcdErrors.Translate(e, action, User);
            }
        }
    }

    public void Dispose() => _channel.Dispose();

    private async Task<Metadata> AuthenticateAsync(CancellationToken cancellationToken)
    {
        await _authenticating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_headers is { } current)
            {
                return current;
            }

            AuthenticateResponse response;
            try
            {
                response = await Auth.AuthenticateAsync(
                    new AuthenticateRequest { Name = User, Password = _password ?? "" },
                    cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw EtcdErrors.Translate(e, $"authenticate user '{User}'", User);
            }

            // etcd reads the token from the "token" metadata of every call.
            var headers = new Metadata { { "token", response.Token } };
            _headers = headers;
            return headers;
        }
        finally
        {
            _authenticating.Release();
        }
    }
}
