using Berth.Contracts;
using Berth.Dashboard.Api;

namespace Berth.Dashboard.Pages.Services;

/// <summary>A service with its volume's use, its bindings and backups, as its card shows them.</summary>
public sealed record ServiceDetails(ServiceView Service, IReadOnlyList<BindingView> Bindings, IReadOnlyList<BackupView> Backups)
{
    /// <summary>
    /// Reads the service itself (the list leaves its volume's use unmeasured), its bindings and backups; what the API does
    /// not give reads as the listed service and empty lists.
    /// </summary>
    public static async Task<ServiceDetails> LoadAsync(DashboardApiClient api, ServiceView service, CancellationToken cancellationToken)
    {
        var measured = api.GetServiceAsync(service.Id, cancellationToken);
        var bindings = api.ListBindingsAsync(service.Id, cancellationToken);
        var backups = api.ListBackupsAsync(service.Id, cancellationToken);
        return new ServiceDetails((await measured).Value ?? service, (await bindings).Value ?? [], (await backups).Value ?? []);
    }
}
