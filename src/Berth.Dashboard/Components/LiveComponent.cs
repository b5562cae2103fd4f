using Berth.Dashboard.Hosting;
using Berth.Dashboard.Session;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Berth.Dashboard.Components;

/// <summary>
/// A component that shows live state: it asks the API again every <see cref="DashboardOptions.RefreshInterval"/>
/// (and at once on sign-in or <see cref="RefreshNow"/>) while someone is signed in, and re-renders.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Inject]
    private DashboardSession Session { get; set; } = null!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = null!;

    /// <summary>Reads what the component shows; runs on the circuit's dispatcher, never twice at once.</summary>
    protected abstract Task RefreshAsync(CancellationToken cancellationToken);

    /// <summary>Refreshes without waiting for the next tick, e.g. after an action changed something.</summary>
    protected void RefreshNow() => _wake.TrySetResult();

    protected override void OnInitialized()
    {
        Session.Changed += RefreshNow;
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (Session.SignedIn)
            {
                try
                {
                    await RefreshAsync(_stop.Token);
                    StateHasChanged();
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    await DispatchExceptionAsync(e);
                    return;
                }
            }

            await Task.WhenAny(Task.Delay(Options.Value.RefreshInterval, _stop.Token), _wake.Task);
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Dispose()
    {
        Session.Changed -= RefreshNow;
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
