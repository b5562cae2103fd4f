using Berth.Contracts;
using Berth.Dashboard.Api;

namespace Berth.Dashboard.Pages.Services;

/// <summary>A service with its bindings and backups, as its card shows them.</summary>
public sealed record ServiceDetails(ServiceView Service, IReadOnlyList<BindingView> Bindings, IReadOnlyList<BackupView> Backups)
{
    /// <summary>Reads the service's bindings and backups; a list the API does not give reads as empty.</summary>
    public static async Task<ServiceDetails> LoadAsync(DashboardApiClient api, ServiceView service, CancellationToken cancellationToken)
    {
        var bindings = api.ListBindingsAsync(service.Id, cancellationToken);
        var backups = api.ListBackupsAsync(service.Id, cancellationToken);
        return new ServiceDetails(service, (await bindings).Value ?? [], (await backups).Value ?? []);
    }
}
