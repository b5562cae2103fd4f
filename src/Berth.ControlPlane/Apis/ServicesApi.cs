using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.Quotas;
using Berth.ControlPlane.Services;
using Berth.Core.Apps;
using Berth.Core.Runtime;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>/v1/services</c>: create, list, show, delete managed services, and their events and logs (bindings: <see cref="ServiceBindingsApi"/>, backups: <see cref="ServiceBackupsApi"/>).</summary>
internal static class ServicesApi
{
    public const int MaxMemoryMb = 64 * 1024;
    public const int MaxStorageGb = 10_000;

    public static RouteGroupBuilder MapServicesApi(this RouteGroupBuilder v1)
    {
        var services = v1.MapGroup("/services").WithTags(nameof(ServicesApi));
        services.MapPost("/", CreateAsync);
        services.MapGet("/", ListAsync);
        services.MapGet("/{id}", ShowAsync);
        services.MapDelete("/{id}", DeleteAsync);
        services.MapGet("/{id}/events", EventsAsync);
        services.MapGet("/{id}/logs", LogsAsync);
        return v1.MapServiceBindingsApi().MapServiceBackupsApi().MapServiceBackupScheduleApi().MapServiceMoveApi();
    }

    /// <summary>The service with its volume's use measured now.</summary>
    private static async Task<Ok<ServiceView>> ShowAsync(HttpContext context, ServiceStorage storage)
    {
        var service = context.OwnedService();
        return TypedResults.Ok(ServiceView.From(service) with { UsedBytes = await storage.UsedBytesAsync(service, context.RequestAborted) });
    }

    /// <summary>Places the service, starts it and waits until its server answers: 201 running, or 201 failed with the reason.</summary>
    private static async Task<Results<Created<ServiceView>, ProblemHttpResult>> CreateAsync(
        CreateServiceRequest request, HttpContext context, ServiceLauncher launcher, ServiceEvents events, IServiceStore services, TenantQuotas quotas)
    {
        if (Validate(request, Caller.From(context.User).Tenant) is not { } draft)
        {
            return Problems.BadRequest(
                "name must be a DNS label (lowercase letters, digits, '-', at most 40), type one of postgres, mariadb, redis, " +
                $"version one Berth has an image of (postgres 15, mariadb 10.11, redis 7), memoryMb 64-{MaxMemoryMb}, storageGb 1-{MaxStorageGb}");
        }

        if (await quotas.CheckAsync(draft.Tenant, QuotaAsk.Service(draft.MemoryMb), context.RequestAborted) is { } exceeded)
        {
            return exceeded;
        }

        ManagedService service;
        try
        {
            service = await launcher.ReserveAsync(draft, context.RequestAborted);
        }
        catch (ConflictException)
        {
            return Problems.Conflict($"service name '{draft.Id}' is taken");
        }
        catch (ServiceLaunchException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No host can take the service");
        }

        try
        {
            service = await launcher.StartAsync(service, context.RequestAborted);
            await events.RecordAsync(service, Core.Events.AppEventType.InstanceStarted, $"started on {service.HostName} at {service.HostIp}:{service.HostPort}, data on volume {service.Volume}");
        }
        catch (ServiceLaunchException)
        {
            // Recorded as failed with its reason; the tenant sees it and removes it.
            service = await services.GetServiceAsync(service.Id, context.RequestAborted) ?? service;
        }

        return TypedResults.Created($"/v1/services/{service.Id}", ServiceView.From(service));
    }

    private static ManagedService? Validate(CreateServiceRequest request, string tenant)
    {
        if (!AppId.IsValid(request.Name) || !Enum.TryParse<ServiceType>(request.Type, ignoreCase: true, out var type)
            || !Enum.IsDefined(type) || request.Type!.Any(char.IsDigit))
        {
            return null;
        }

        var kind = ServiceKind.Of(type);
        var version = request.Version ?? kind.DefaultVersion;
        var memory = request.MemoryMb ?? kind.DefaultMemoryMb;
        var storage = request.StorageGb ?? 1;
        if (!kind.Supports(version) || memory is < 64 or > MaxMemoryMb || storage is < 1 or > MaxStorageGb)
        {
            return null;
        }

        return new ManagedService
        {
            Id = request.Name!,
            Tenant = tenant,
            Type = type,
            Version = version,
            MemoryMb = memory,
            StorageGb = storage,
            HostName = "",
            HostIp = "",
            State = ServiceState.Creating,
            SealedAdminPassword = "",
        };
    }

    private static async Task<Ok<ServiceView[]>> ListAsync(HttpContext context, IServiceStore services)
    {
        var caller = Caller.From(context.User);
        var list = await services.ListServicesAsync(caller.IsAdmin ? null : caller.Tenant, context.RequestAborted);
        return TypedResults.Ok(list.Select(ServiceView.From).ToArray());
    }

    /// <summary>
    /// Removes the container; with <c>?purge=true</c> the volume and every backup go too, otherwise the volume stays on
    /// the host and a last backup is taken and kept (see <see cref="ServiceRemoval"/>).
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(bool? purge, HttpContext context, ServiceRemoval removal, IServiceStore services)
    {
        var service = context.OwnedService();
        // Apps still using it would lose their database under them: the tenant unbinds them first.
        if (await services.ListBindingsAsync(service.Id, null, context.RequestAborted) is { Count: > 0 } bound)
        {
            return Problems.Conflict($"service '{service.Id}' is bound to {string.Join(", ", bound.Select(b => b.AppId))}: unbind first");
        }

        await removal.RemoveAsync(service, purge ?? false, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AppEventView[]>> EventsAsync(HttpContext context, IEventStore events)
    {
        var service = context.OwnedService();
        var found = await events.ListLatestEventsAsync(ServiceEvents.Key(service.Id), EventsApi.DefaultLimit, context.RequestAborted);
        // A service created again under the name of a deleted one never shows the old one's events.
        return TypedResults.Ok(found.Where(e => e.Time >= service.CreatedAt).Select(AppEventView.From).ToArray());
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LogsAsync(int? tail, HttpContext context, ServiceLauncher launcher)
    {
        var service = context.OwnedService();
        if (tail is < 0 or > LogsApi.MaxTail)
        {
            return Problems.BadRequest($"tail must be between 0 and {LogsApi.MaxTail}");
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        if (service.ContainerId is { } id && await launcher.RuntimeAsync(service, context.RequestAborted) is IContainerLogs logs)
        {
            await foreach (var line in logs.ReadLogsAsync(id, new LogRequest { Tail = tail ?? LogsApi.DefaultTail }, context.RequestAborted))
            {
                await context.Response.WriteAsync(line.Text + "\n", context.RequestAborted);
            }
        }

        return TypedResults.Empty;
    }
}
