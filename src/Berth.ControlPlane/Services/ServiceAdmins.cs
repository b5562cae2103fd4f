using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>The <see cref="IServiceAdmin"/> of each service type.</summary>
internal static class ServiceAdmins
{
    private static readonly IServiceAdmin Postgres = new PostgresAdmin();
    private static readonly IServiceAdmin Mariadb = new MariadbAdmin();
    private static readonly IServiceAdmin Redis = new RedisAdmin();

    public static IServiceAdmin For(ServiceType type) => type switch
    {
        ServiceType.Postgres => Postgres,
        ServiceType.Mariadb => Mariadb,
        _ => Redis,
    };
}
