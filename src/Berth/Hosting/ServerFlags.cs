using System.CommandLine;
using Berth.ControlPlane;
using Microsoft.Extensions.Configuration;

namespace Berth.Hosting;

/// <summary>
/// The flags of <c>berth up</c> and <c>berth server</c>, over the <c>Berth</c> configuration section (and, with a gateway,
/// the <c>Gateway</c> section).
/// </summary>
internal sealed class ServerFlags
{
    private readonly Option<string?> _data = new("--data") { Description = "data folder (database, tokens, journal); default $BERTH_DATA or ./data" };
    private readonly Option<string?> _listen = HostSetup.Renamed(new Option<string?>("--listen") { Description = "where the API listens (default http://127.0.0.1:7070)" }, "--api-url");
    private readonly Option<string?> _gatewayListen = HostSetup.Renamed(
        new Option<string?>("--gateway-listen") { Description = "where the gateway listens (default http://127.0.0.1:7080)" }, "--gateway-url");
    private readonly Option<string?> _portRange = new("--port-range") { Description = "host ports handed to instances (default 25000-25999)" };
    private readonly Option<string?> _registry = new("--registry") { Description = "the registry images are pulled from (default 127.0.0.1:5000)" };
    private readonly Option<string?> _baseDomain = new("--base-domain") { Description = "apps answer at {app}.{base-domain} (default localhost)" };
    private readonly Option<string?> _registrySigningKey = new("--registry-signing-key")
    {
        Description = "a P-256 PEM key (scripts/registry-auth.sh makes one): Berth becomes the token server of a registry in token mode",
    };
    private readonly Option<string?> _apiTlsCert = new("--api-tls-cert")
    {
        Description = "a PEM certificate (then its intermediates): the API serves HTTPS only, on its --listen address; with --api-tls-key [config: Berth:ApiTlsCert]",
        HelpName = "FILE",
    };
    private readonly Option<string?> _apiTlsKey = new("--api-tls-key")
    {
        Description = "the unencrypted PEM private key of --api-tls-cert [config: Berth:ApiTlsKey]",
        HelpName = "FILE",
    };
    private readonly DiscoveryFlags _discovery = DiscoveryFlags.Create();
    private readonly GatewayFlags _gateway = GatewayFlags.Create();
    private readonly bool _withGateway;

    /// <summary>Where <c>berth up</c>'s gateway listens for HTTPS unless told otherwise.</summary>
    public const string DefaultHttpsUrl = "https://127.0.0.1:7443";

    public ServerFlags(bool withGateway) => _withGateway = withGateway;

    public void AddTo(Command command)
    {
        foreach (var option in new[] { _data, _listen, _portRange, _registry, _baseDomain, _registrySigningKey, _apiTlsCert, _apiTlsKey })
        {
            command.Options.Add(option);
        }

        if (_withGateway)
        {
            command.Options.Add(_gatewayListen);
            _gateway.AddTo(command);
        }

        _discovery.AddTo(command);
    }

    /// <summary>
    /// The settings of the <c>Berth</c> section with the flags over them, checked (<see cref="ServerSettings"/>); throws
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming each bad setting.
    /// </summary>
    public BerthServerOptions Read(ParseResult parse, IConfiguration configuration) => ServerSettings.Read(configuration, options =>
    {
        options.DataDirectory = parse.GetValue(_data) ?? options.DataDirectory;
        options.ApiUrl = HostSetup.Value(parse, _listen) ?? options.ApiUrl;
        options.GatewayUrl = _withGateway ? HostSetup.Value(parse, _gatewayListen) ?? options.GatewayUrl : null;
        options.LocalPortRange = parse.GetValue(_portRange) ?? options.LocalPortRange;
        options.Registry = parse.GetValue(_registry) ?? options.Registry;
        options.BaseDomain = parse.GetValue(_baseDomain) ?? options.BaseDomain;
        options.RegistrySigningKey = parse.GetValue(_registrySigningKey) ?? options.RegistrySigningKey;
        options.ApiTlsCert = parse.GetValue(_apiTlsCert) ?? options.ApiTlsCert;
        options.ApiTlsKey = parse.GetValue(_apiTlsKey) ?? options.ApiTlsKey;
        options.Discovery = _discovery.Read(parse, configuration);
        if (_withGateway)
        {
            options.Gateway = _gateway.Read(parse, configuration);

            // `berth up` serves HTTPS out of the box (certificates from its local authority); an empty URL turns it off.
            options.Gateway.HttpsUrl ??= DefaultHttpsUrl;
        }
    });
}
