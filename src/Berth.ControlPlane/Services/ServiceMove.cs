using Berth.Core.Apps;
using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>A finished move: the service on its new host, where it came from, the backup that carried its data, the bound apps' rollouts and how long its apps were cut off.</summary>
internal sealed record ServiceMove(ManagedService Service, string From, ServiceBackup Backup, IReadOnlyList<Deployment> Rollouts, TimeSpan Downtime);
