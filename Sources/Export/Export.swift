// The export pipeline (issue 4): discover → fetch tree → snapshot → assets → link graph → writers.
