using System.Text;
using Berth.ControlPlane.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Berth.Hosting.Telemetry;

/// <summary>
/// A pull reader on the SDK's meter provider: each <c>/metrics</c> request collects once and writes what the SDK
/// aggregated (cumulative, as Prometheus expects), so the control plane keeps no counters of its own.
/// </summary>
internal sealed class MetricsScrape : IMetricsScrape, IDisposable
{
    private readonly TextExporter _exporter = new();
    private readonly Lock _gate = new();

    public MetricsScrape() => Reader = new BaseExportingMetricReader(_exporter);

    public MetricReader Reader { get; }

    public string Collect()
    {
        lock (_gate)
        {
            _exporter.Text.Clear();
            Reader.Collect();
            return _exporter.Text.ToString();
        }
    }

    public void Dispose() => Reader.Dispose();

    private sealed class TextExporter : BaseExporter<Metric>
    {
        public StringBuilder Text { get; } = new();

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                PrometheusText.Write(Text, metric);
            }

            return ExportResult.Success;
        }
    }
}
