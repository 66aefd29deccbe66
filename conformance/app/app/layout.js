import { runActor } from './actions';

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        {children}
        {/* Keeps the action in the build, and its id in the page. */}
        <form action={runActor.bind(null, '', 0, 0)} hidden />
      </body>
    </html>
  );
}
