// A grouped bar chart (chart.js through react-chartjs-2), loaded only by the statistics page. The
// canvas is an image with a short name; the table after it carries the same figures for everyone.
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  /** null: not shown (a suppressed cell). */
  values: (number | null)[];
  colour: string;
}

export default function BarChart({
  labels,
  series,
  title,
  suppressedText,
}: {
  labels: string[];
  series: Series[];
  title: string;
  suppressedText: string;
}) {
  return (
    // Horizontal bars: long names (centres, countries) stay readable on a phone.
    <div className="chart-box" style={{ height: `${Math.max(10, labels.length * 2.2 + 4)}rem` }}>
      <Bar
        role="img"
        aria-label={title}
        data={{
          labels,
          datasets: series.map((s) => ({
            label: s.label,
            data: s.values,
            backgroundColor: s.colour,
            borderColor: s.colour,
          })),
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          indexAxis: "y",
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: {
            legend: { position: "bottom" },
            tooltip: {
              callbacks: {
                label: (item) =>
                  `${item.dataset.label ?? ""}: ${item.raw === null ? suppressedText : String(item.raw)}`,
              },
            },
          },
        }}
      />
    </div>
  );
}
